// The public API changes only on purpose: the names and signatures of `flanmix` and `flanmix/core` must match
// api/flanmix.api.txt (regenerate it with `npm run api:update`, review the diff, commit; docs/api.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { apiReport, REPORT } from '../scripts/api-report.mjs';
import { FlanmixError, loadTokenizer, mixingRates, packExamples, prepareMixture } from '../src/index.js';

describe('public API', () => {
  const report: string = apiReport();

  it('matches the committed report (npm run api:update after a deliberate change)', () => {
    expect(
      report === readFileSync(REPORT, 'utf8'),
      'the public API changed: run npm run api:update and review api/',
    ).toBe(true);
  });

  it('keeps internals out and the promised helpers in', () => {
    const names = new Set(
      [...report.matchAll(/^(?:function|class|interface|type|const) (\w+)/gm)].map((m) => m[1]),
    );
    for (const internal of [
      'one',
      'skip',
      'randInt',
      'WORD_CACHE_SIZE',
      'READ_AHEAD_RECORDS',
      'unmaskCrc',
      'ADAPTERS',
    ])
      expect(names.has(internal), internal).toBe(false);
    for (const name of [
      'buildMixture',
      'prepareMixture',
      'rates',
      'render',
      'extendCatalog',
      'FlanmixError',
      'loadTokenizer',
    ])
      expect(names.has(name), name).toBe(true);
    expect(names.size).toBeLessThan(160);
  });
});

describe('errors a caller can cause', () => {
  it('are FlanmixErrors on one line naming the option and the value, never zod text', async () => {
    expect(() => mixingRates([10], { rateMax: -1 })).toThrow(FlanmixError);
    expect(() => mixingRates([10], { rateMax: -1 })).toThrow(
      /^rate option rateMax: must be more than 0, got -1$/,
    );
    await expect(loadTokenizer({ kind: 'bogus' } as never)).rejects.toThrow(FlanmixError);
    await expect(prepareMixture({ heldOut: 'nli' } as never)).rejects.toThrow(
      /^option heldOut: must be an array, got "nli"$/,
    );
    await expect(prepareMixture({ seed: 1, sed: 2 } as never)).rejects.toThrow(
      /^unknown option "sed" \(did you mean "seed"\?\)$/,
    );
    const rows = packExamples((async function* () {})(), {} as never, { packer: 'tidy' } as never);
    await expect(rows.next()).rejects.toThrow(
      /^pack option packer: must be one of "best-fit", "greedy", "none", got "tidy"$/,
    );
  });
});
