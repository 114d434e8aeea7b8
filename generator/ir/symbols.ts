/**
 * One owner for every name generated code uses for the model's schemas and resources: the type,
 * its guard functions and the module that holds them, a resource's class and file. Emitters ask
 * here instead of building names themselves, so a naming change touches this file only.
 */
import { toTypeName } from '../core/names.js';
import type { Model, NamedSchema } from './types.js';
import { isTakenClassName } from './reserved-names.js';

/** What generated code calls one named schema and its guards. */
export interface SchemaSymbols {
  schema: NamedSchema;
  /** The exported type, e.g. `CallPlaybackEndedEvent`. */
  type: string;
  is: string;
  validate: string;
  assert: string;
  /** Lists the problems behind `validate…` and `assert…`; internal to the guards. */
  check: string;
  /** `is…` with the depth it has reached, which recursive schemas' guards call instead. */
  match: string;
  /** The guard module, relative to `src/` and without extension: `guards/CallPlaybackEndedEvent`. */
  guardModule: string;
}

export interface Symbols {
  /** The named schema called `name` in the spec (or hoisted under it); throws for any other. */
  schema(name: string): SchemaSymbols;
  /** Every named schema, by spec name. */
  readonly schemas: ReadonlyMap<string, NamedSchema>;
  /** Every named schema's type name: names generated beside them must not take one. */
  readonly typeNames: ReadonlySet<string>;
}

const tables = new WeakMap<Model, Symbols>();

/** The symbol table of `model`, built once per model. */
export function symbolsOf(model: Model): Symbols {
  let table = tables.get(model);
  if (!table) {
    table = buildTable(model);
    tables.set(model, table);
  }
  return table;
}

function buildTable(model: Model): Symbols {
  const schemas = new Map(model.schemas.map((s) => [s.name, s]));
  const bySchema = new Map<string, SchemaSymbols>();
  return {
    schemas,
    typeNames: new Set(model.schemas.map((s) => s.typeName)),
    schema(name) {
      const known = bySchema.get(name);
      if (known) return known;
      const schema = schemas.get(name);
      if (!schema) throw new Error(`internal: no schema named ${name} in the model`);
      const symbols = schemaSymbols(schema);
      bySchema.set(name, symbols);
      return symbols;
    },
  };
}

function schemaSymbols(schema: NamedSchema): SchemaSymbols {
  const type = schema.typeName;
  return {
    schema,
    type,
    is: `is${type}`,
    validate: `validate${type}`,
    assert: `assert${type}`,
    check: `check${type}`,
    match: `match${type}`,
    guardModule: `guards/${type}`,
  };
}

/**
 * A resource path (`calls.actions`) → its class (`CallsActions`) and module (`resources/calls-actions`).
 * A class name the runtime, a template or a global already takes (`Page`, `Headers`) gets `Resource`.
 */
export function resourceSymbols(path: string): { className: string; file: string } {
  const segments = path.split('.');
  const className = segments.map(toTypeName).join('');
  return {
    className: isTakenClassName(className) ? `${className}Resource` : className,
    // Escaped names (`_10dlc`, `then_`) lose their underscores here: a file named `-10dlc.ts`
    // reads as an option on a command line.
    file: segments.map((s) => s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase()).join('-'),
  };
}
