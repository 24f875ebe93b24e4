import type { SkippedTask } from './build-mixture.js';
import { type BuildHooks, prepareMixture } from './build-mixture.js';
import type { BuildOptionsInput } from './options.js';

/** One member of a planned mixture: its pool, mixing rate, share and exact example count. */
export interface MemberRate {
  key: string;
  cluster: string;
  pool: number;
  rate: number;
  share: number;
  count: number;
}

export interface MixtureRates {
  total: number;
  members: MemberRate[];
  skipped: SkippedTask[];
}

/**
 * The mixture's plan without writing anything, as `flanmix rates` prints it: loads every member's training
 * slice (from samples, the Hub or local files, as the options say) and computes rates and exact counts.
 */
export async function rates(input: BuildOptionsInput, hooks: BuildHooks = {}): Promise<MixtureRates> {
  const { plan, reports, skipped, source } = await prepareMixture(input, hooks);
  await source.close();
  return {
    total: plan.total,
    members: reports.map(({ key, cluster, pool, rate, share, count }) => ({
      key,
      cluster,
      pool,
      rate,
      share,
      count,
    })),
    skipped,
  };
}
