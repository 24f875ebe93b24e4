// Pure: seqio's greedy next-fit packer.
import type { PackItem } from './item.js';

/**
 * Greedy next-fit exactly as seqio's `_pack_with_tf_ops`: examples in arrival order are appended to the
 * open row while every feature still fits, otherwise the row is closed and a new one started; seqio
 * packs `padded_batch`es of max(lengths) examples independently, so the open row is also closed every
 * max(lengths) examples.
 */
export async function* greedyBins(
  items: AsyncIterable<PackItem>,
  caps: [number, number],
): AsyncGenerator<PackItem[]> {
  const [La, Lb] = caps;
  const batch = Math.max(La, Lb);
  let open: PackItem[] = [];
  let ra = La;
  let rb = Lb;
  let inBatch = 0;
  for await (const it of items) {
    if (inBatch === batch) {
      if (open.length) yield open;
      open = [];
      ra = La;
      rb = Lb;
      inBatch = 0;
    }
    if (it.a > ra || it.b > rb) {
      if (open.length) yield open;
      open = [];
      ra = La;
      rb = Lb;
    }
    open.push(it);
    ra -= it.a;
    rb -= it.b;
    inBatch++;
  }
  if (open.length) yield open;
}
