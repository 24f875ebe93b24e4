import { FlanmixError, parseOptions } from '../registry/errors.js';
import { assembleFewShot, estimateTokens, pruneExemplars, type Shot, type TokenCounter } from './few-shot.js';
import { interleave } from './interleave.js';
import { allowedTemplates, type Member, phrase } from './member.js';
import { memberOrder, templateOrder } from './member-stream.js';
import { type MixOptions, type MixOptionsInput, MixOptionsSchema, resolveSeparators } from './options.js';
import { type MixturePlan, planMixture } from './plan.js';
import type { MixtureRecord } from './record.js';
import { type Rng, randInt, rngFor } from './rng.js';

export interface MixDeps {
  /** Token counter for the few-shot budget; the documented estimate when absent. */
  countTokens?: TokenCounter;
  /** The plan, when the caller already made it with the same options (saves recomputing it). */
  plan?: MixturePlan;
}

/** Plans a mixture of members with the given options (rates, exact counts). */
export function planFor(members: readonly Member[], options: MixOptions): MixturePlan {
  for (const m of members) {
    const n = m.templates.templates.length;
    if (typeof options.templates === 'number' && options.templates > n)
      throw new FlanmixError(
        `templates: ${options.templates} asked for, but ${m.ref.key} has ${n} templates`,
      );
  }
  return planMixture(
    members.map((m) => ({ key: m.ref.key, poolSize: m.pool.size })),
    { rateMax: options.rateMax, temperature: options.temperature, total: options.total },
  );
}

/**
 * The mixture as a stream of records (docs/mixing.md): exact counts per member, a seeded interleave,
 * each member's pool in reshuffled passes, balanced template choice, the chosen format, and optional
 * few-shot exemplars from the member's own pool. Memory holds one index permutation per member (bounded by
 * the cap), never the mixture.
 */
export async function* mixRecords(
  members: readonly Member[],
  optionsInput: MixOptionsInput = {},
  deps: MixDeps = {},
): AsyncGenerator<MixtureRecord> {
  const options = parseOptions(MixOptionsSchema, optionsInput, 'mix option');
  const plan = deps.plan ?? planFor(members, options);
  const seps = resolveSeparators(options.fewShot, options.lamda);
  const countTokens = deps.countTokens ?? estimateTokens;
  const streams = members.map((m, i) => {
    const key = m.ref.key;
    const count = plan.members[i]!.count;
    const templates = allowedTemplates(m.templates, options.templates);
    if (templates.length === 0)
      throw new RangeError(`${key}: no templates left under "${options.templates}"`);
    return {
      order: memberOrder(m.pool.size, count, rngFor(options.seed, `order:${key}`)),
      template: templateOrder(templates, count, rngFor(options.seed, `template:${key}`)),
      shots: rngFor(options.seed, `shots:${key}`),
    };
  });
  for (const m of interleave(
    plan.members.map((p) => p.count),
    rngFor(options.seed, 'interleave'),
  )) {
    const member = members[m]!;
    const s = streams[m]!;
    const index = s.order.next().value as number;
    const template = s.template.next().value as number;
    const p = phrase(member, member.pool.get(index), options.format, template, options.optionsStyle);
    let inputs = p.inputs;
    if (options.fewShot.k > 0 || options.lamda) {
      const drawn = options.fewShot.k > 0 ? drawShots(member, index, template, options, s.shots) : [];
      const kept = await pruneExemplars(drawn, p.inputs, seps, options.fewShot.maxInputTokens, countTokens);
      inputs = assembleFewShot(kept, p.inputs, seps);
    }
    yield {
      inputs,
      targets: p.targets,
      dataset: member.ref.dataset.id,
      task: member.ref.task.id,
      cluster: member.ref.dataset.cluster,
      template: p.template,
      inverted: p.inverted,
      format: options.format,
    };
  }
}

/** k exemplars from the member's own pool (never the query itself), phrased with the query's template. */
function drawShots(member: Member, query: number, template: number, options: MixOptions, rng: Rng): Shot[] {
  const n = member.pool.size;
  const k = Math.min(options.fewShot.k, n - 1);
  const picked = new Set<number>([query]);
  const shots: Shot[] = [];
  while (shots.length < k) {
    const i = randInt(rng, n);
    if (picked.has(i)) continue;
    picked.add(i);
    const p = phrase(member, member.pool.get(i), options.format, template, options.optionsStyle);
    shots.push({ inputs: p.inputs, targets: p.targets });
  }
  return shots;
}
