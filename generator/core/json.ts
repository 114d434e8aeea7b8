/** Reading parsed YAML/JSON of unknown shape: the one type and check every spec reader shares. */
export type Json = Record<string, unknown>;

/** A mapping: not null, not an array. */
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
