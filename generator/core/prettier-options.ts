/**
 * The project's checked-in prettier options, imported (not searched for), so output never
 * depends on the working directory. `quoteProps: preserve` because our escaping decides which
 * keys are quoted: `'__proto__'` must stay quoted in object literals. A module of its own so
 * that the emitters' layout code (emit/layout.ts) and the format step (format.ts, which calls
 * that layout code) can both import it.
 */
import type * as Prettier from 'prettier';
import options from '../../.prettierrc.json' with { type: 'json' };

export const PRETTIER_OPTIONS: Prettier.Options = options as Prettier.Options;
