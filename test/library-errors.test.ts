// Every entry point a library caller uses refuses bad options with ONE FlanmixError line in our words,
// naming the option and the value: never a raw ZodError, never zod's own wording ("Invalid input",
// "expected number, received string", "Too small").
import { describe, expect, it } from 'vitest';
import { buildMixture, prepareMixture } from '../src/pipeline/build-mixture.js';
import { rates } from '../src/pipeline/rates.js';
import { render } from '../src/pipeline/render.js';
import { scoreEvaluation } from '../src/pipeline/score-evaluation.js';
import { FlanmixError, OptionError, UnknownNameError } from '../src/registry/errors.js';
import { tempDir } from './helpers.js';

const ZOD_WORDS =
  /Invalid input|Invalid option|expected \w+, received|Too (small|big)|Unrecognized key|ZodError/;

async function refusal(call: () => Promise<unknown>): Promise<Error> {
  const e = await call().then(
    () => undefined,
    (x: unknown) => x as Error,
  );
  expect(e, 'the call should have thrown').toBeInstanceOf(FlanmixError);
  expect(e!.message).not.toContain('\n');
  expect(e!.message).not.toMatch(ZOD_WORDS);
  return e!;
}

// The build-option functions share one schema; each is fed every kind of mistake.
const BUILD_ENTRY_POINTS = {
  buildMixture: (o: object) => buildMixture({ out: tempDir(), ...o } as never),
  prepareMixture: async (o: object) => {
    const p = await prepareMixture(o as never);
    await p.source.close();
    return p;
  },
  rates: (o: object) => rates(o as never),
} as const;

describe.each(Object.entries(BUILD_ENTRY_POINTS))('%s refuses bad options in one line', (_name, call) => {
  it('an unknown key, with the closest real one', async () => {
    const e = await refusal(() => call({ sed: 3 }));
    expect(e).toBeInstanceOf(OptionError);
    expect(e.message).toBe('unknown option "sed" (did you mean "seed"?)');
  });
  it('a wrong type, naming the option and the value', async () => {
    const e = await refusal(() => call({ cap: 'lots' }));
    expect(e).toBeInstanceOf(OptionError);
    expect(e.message).toBe('option cap: must be a number, got "lots"');
  });
  it('a value out of range', async () => {
    const e = await refusal(() => call({ cap: -5 }));
    expect(e.message).toBe('option cap: must be at least 1, got -5');
  });
  it('an unknown dataset, with "did you mean"', async () => {
    const e = await refusal(() => call({ datasets: ['rtee'] }));
    expect(e).toBeInstanceOf(UnknownNameError);
    expect(e.message).toBe('unknown dataset "rtee" (did you mean "rte"?)');
  });
});

describe('render refuses bad options in one line', () => {
  it('an unknown key', async () => {
    const e = await refusal(() => render({ dataset: 'rte', limt: 2 } as never));
    expect(e.message).toBe('unknown render option "limt" (did you mean "limit"?)');
  });
  it('a wrong type', async () => {
    const e = await refusal(() => render({ dataset: 'rte', limit: '2' } as never));
    expect(e.message).toBe('render option limit: must be a number, got "2"');
  });
  it('a value out of range', async () => {
    const e = await refusal(() => render({ dataset: 'rte', limit: 0 }));
    expect(e.message).toMatch(/^render option limit: must be at least 1, got 0$/);
  });
  it('an unknown dataset', async () => {
    const e = await refusal(() => render({ dataset: 'rtee' }));
    expect(e.message).toBe('unknown dataset "rtee" (did you mean "rte"?)');
  });
});

describe('scoreEvaluation refuses bad options in one line', () => {
  it('an unknown key', async () => {
    const e = await refusal(() =>
      scoreEvaluation({ eval: 'x', predictions: 'y', allowMising: true } as never),
    );
    expect(e.message).toBe('unknown scoreEvaluation option "allowMising" (did you mean "allowMissing"?)');
  });
  it('a wrong type', async () => {
    const e = await refusal(() => scoreEvaluation({ eval: 'x', predictions: 3 } as never));
    expect(e.message).toBe('scoreEvaluation option predictions: must be a string, got 3');
  });
  it('an empty value', async () => {
    const e = await refusal(() => scoreEvaluation({ eval: '', predictions: 'p.jsonl' }));
    expect(e.message).toMatch(/^scoreEvaluation option eval: must have at least 1 character/);
  });
  it('a folder that is not there', async () => {
    const e = await refusal(() => scoreEvaluation({ eval: '/nonexistent-flanmix', predictions: 'p.jsonl' }));
    expect(e).toBeInstanceOf(OptionError);
    expect(e.message).toMatch(/\/nonexistent-flanmix is not a folder/);
  });
});
