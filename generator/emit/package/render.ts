/**
 * Handlebars, isolated and strict: a missing view field is an error, not an empty string, and
 * nothing is HTML-escaped (we emit code). Helpers only escape for a destination; templates hold
 * no logic beyond `each`, `if` and interpolation.
 */
import Handlebars from 'handlebars';
import {
  jsDocText,
  jsonLiteral,
  lineCommentText,
  markdownText,
  propertyKey,
  stringLiteral,
} from '../escape.js';

export type TemplateSet = Readonly<Record<string, string>>;
export type Render = (templateName: string, view: object) => string;

export function createRenderer(templates: TemplateSet): Render {
  const hb = Handlebars.create();
  hb.registerHelper({
    str: (value: string) => stringLiteral(value),
    json: (value: unknown) => jsonLiteral(value),
    key: (value: string) => propertyKey(value),
    doc: (value: string) => jsDocText(value),
    line: (value: string) => lineCommentText(value),
    md: (value: string) => markdownText(value),
  });
  for (const [name, source] of Object.entries(templates)) {
    const partial = /^partials\/(.+)\.hbs$/.exec(name);
    if (partial) hb.registerPartial(partial[1]!, source);
  }
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  return (templateName, view) => {
    let template = compiled.get(templateName);
    if (!template) {
      const source = templates[templateName];
      if (source === undefined) throw new Error(`template ${templateName} is missing`);
      template = hb.compile(source, { strict: true, noEscape: true });
      compiled.set(templateName, template);
    }
    return template(view);
  };
}
