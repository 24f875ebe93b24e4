import { exactCounts, mixingRates } from './rates.js';

export interface PlanInput {
  key: string;
  /** Examples in the member's training slice (after the cap). */
  poolSize: number;
}

export interface MemberPlan {
  key: string;
  pool: number;
  rate: number;
  /** rate / sum of rates. */
  share: number;
  /** Exact number of this member's examples in the mixture. */
  count: number;
}

export interface MixturePlan {
  members: MemberPlan[];
  total: number;
}

/**
 * Rates and exact counts for a set of members (docs/mixing.md, "Rates and counts"). The default total is the sum of the capped pools,
 * so a member gets more examples than it has only when its rate share says so (then it repeats).
 */
export function planMixture(
  inputs: readonly PlanInput[],
  options: { rateMax?: number; temperature?: number; total?: number | undefined } = {},
): MixturePlan {
  const sizes = inputs.map((m) => m.poolSize);
  const rates = mixingRates(sizes, {
    rateMax: options.rateMax ?? 3000,
    temperature: options.temperature ?? 1,
  });
  const total = options.total ?? sizes.reduce((a, b) => a + b, 0);
  const counts = exactCounts(rates, total);
  const sum = rates.reduce((a, b) => a + b, 0);
  return {
    total,
    members: inputs.map((m, i) => ({
      key: m.key,
      pool: m.poolSize,
      rate: rates[i]!,
      share: sum === 0 ? 0 : rates[i]! / sum,
      count: counts[i]!,
    })),
  };
}
