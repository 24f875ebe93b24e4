// Token-length histograms per cluster, gathered while a build tokenizes (pure: the core's record types only).

/** Upper bounds (exclusive) of the length buckets; one more bucket holds everything longer. */
export const LENGTH_BOUNDS = [16, 32, 64, 128, 256, 512, 1024, 2048] as const;

export function lengthBucket(n: number): number {
  const i = LENGTH_BOUNDS.findIndex((b) => n < b);
  return i < 0 ? LENGTH_BOUNDS.length : i;
}

/** Column labels: "<16", "16–31", …, "≥2048". */
export function bucketLabels(): string[] {
  return [
    `<${LENGTH_BOUNDS[0]}`,
    ...LENGTH_BOUNDS.slice(1).map((b, i) => `${LENGTH_BOUNDS[i]}–${b - 1}`),
    `≥${LENGTH_BOUNDS[LENGTH_BOUNDS.length - 1]}`,
  ];
}

export type LengthHistograms = Record<string, { inputs: number[]; targets: number[] }>;

/** Counts each example's input and target token lengths (before packing cuts them) under its cluster. */
export class LengthRecorder {
  readonly histograms: LengthHistograms = {};

  add(cluster: string, inputs: number, targets: number): void {
    let h = this.histograms[cluster];
    if (!h) {
      h = {
        inputs: new Array<number>(LENGTH_BOUNDS.length + 1).fill(0),
        targets: new Array<number>(LENGTH_BOUNDS.length + 1).fill(0),
      };
      this.histograms[cluster] = h;
    }
    h.inputs[lengthBucket(inputs)]!++;
    h.targets[lengthBucket(targets)]!++;
  }
}

/** Passes tokenized examples through unchanged, recording their lengths by cluster on the way. */
export async function* recordLengths<
  T extends { record: { cluster: string }; inputs: ArrayLike<number>; targets: ArrayLike<number> },
>(items: AsyncIterable<T>, recorder: LengthRecorder): AsyncGenerator<T> {
  for await (const item of items) {
    recorder.add(item.record.cluster, item.inputs.length, item.targets.length);
    yield item;
  }
}
