/**
 * The string formats the guards check (emit/guards/leaf.ts maps each to its support helper).
 * Any other format is an annotation only, so two schemas that differ in it accept the same values.
 */
export const CHECKED_STRING_FORMATS = ['uuid', 'date-time', 'date', 'uri', 'email', 'json-pointer'] as const;

export type CheckedStringFormat = (typeof CHECKED_STRING_FORMATS)[number];

export const isCheckedStringFormat = (format: string): format is CheckedStringFormat =>
  (CHECKED_STRING_FORMATS as readonly string[]).includes(format);
