/**
 * A short `before → after` for a changed description or title: the words both versions share at
 * the start and end are cut to `…`, so a reviewer sees the edit, not two paragraphs.
 */

/** Words kept on each side of the edit, and the most characters shown of each version. */
const CONTEXT_WORDS = 3;
const MAX_CHARS = 120;

/** `description: “…voices.” → “…voices, and xAI.”`, `title added: “Speak”`, `title removed (was “…”)`. */
export function textChange(field: string, before: string | undefined, after: string | undefined): string {
  if (before === undefined) return `${field} added: ${quote(clip(words(after ?? '')))}`;
  if (after === undefined) return `${field} removed (was ${quote(clip(words(before)))})`;
  return `${field}: ${beforeAfter(before, after)}`;
}

function beforeAfter(before: string, after: string): string {
  const a = words(before);
  const b = words(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end])
    end++;
  // Whitespace-only edits (a reflowed paragraph) leave no word changed.
  if (start === a.length && start === b.length) return 'whitespace changed';
  const from = Math.max(0, start - CONTEXT_WORDS);
  const show = (w: string[]) => {
    const to = Math.min(w.length, w.length - end + CONTEXT_WORDS);
    const middle = clip(w.slice(from, to));
    const tail = to < w.length && !middle.endsWith('…') ? '…' : '';
    return quote(`${from > 0 ? '…' : ''}${middle}${tail}`);
  };
  return `${show(a)} → ${show(b)}`;
}

const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);

function clip(w: string[]): string {
  const text = w.join(' ');
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS - 1)}…` : text;
}

const quote = (text: string): string => `“${text}”`;
