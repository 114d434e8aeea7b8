/**
 * Differential property test: for every named schema, the generated `isX`, `validateX` and ajv 8
 * (see ajv-oracle.ts for how the spec is handed to it, and where the spec wins) give the same
 * verdict on valid values and on one-place mutations of them. Fixed seed; 10,000 runs per schema
 * (each run checks a valid value and a mutated one) when `CI` is set, 500 locally.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { realModel } from './real-model.ts';
import { buildOracle } from './ajv-oracle.ts';
import { mutate, validValue } from './arbitraries.ts';
import { guardsFor } from './load-guards.ts';

const RUNS = process.env.CI ? 10_000 : 500;
const { model, diagnostics } = realModel();
const oracle = buildOracle(model, diagnostics);

/** Verdicts of the three, with ajv's errors attached for the failure message. */
function verdicts(typeName: string, schemaName: string, value: unknown) {
  const guards = guardsFor(typeName);
  const ajv = oracle.validatorFor(schemaName);
  const ajvOk = ajv(value);
  const result = guards.validate(value);
  return {
    is: guards.is(value),
    validate: result.ok,
    ajv: ajvOk,
    // A failed validate must say why.
    explained: result.ok || result.errors.length > 0,
    detail: { value, ajvErrors: ajv.errors, ours: result.ok ? [] : result.errors },
  };
}

describe.each(model.schemas.map((s) => [s.typeName, s] as const))('%s agrees with ajv', (typeName, named) => {
  it(`on ${RUNS} valid values and ${RUNS} mutated ones`, () => {
    const arb = fc.tuple(validValue(named, model), fc.nat(), fc.nat());
    let validSeen = 0;
    fc.assert(
      fc.property(arb, ([value, where, choice]) => {
        const valid = verdicts(typeName, named.name, value);
        expect(valid.ajv, JSON.stringify(valid.detail)).toBe(valid.is);
        expect(valid.validate).toBe(valid.is);
        if (valid.is) validSeen++;
        const mutated = verdicts(typeName, named.name, mutate(value, where, choice));
        expect(mutated.is, JSON.stringify(mutated.detail)).toBe(mutated.ajv);
        expect(mutated.validate).toBe(mutated.is);
        expect(mutated.explained).toBe(true);
      }),
      { seed: 20240531, numRuns: RUNS, endOnFailure: true },
    );
    // The generator of valid values must mostly produce valid values, or the test proves little.
    expect(validSeen).toBeGreaterThan(RUNS * 0.5);
  });
});
