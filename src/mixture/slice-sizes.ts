/**
 * The validation and training sizes for `examples` adapted examples (docs/mixing.md, "Training slice"): the validation tail is
 * min(validationSize, floor(examples / 4)), so that tiny inputs still train; the training slice is the first
 * min(cap, examples − validation) of the shuffled examples; the validation slice follows it (it is the tail of
 * the split whenever the cap does not bite).
 */
export function sliceSizes(examples: number, cap: number, validationSize: number) {
  const validation = Math.min(validationSize, Math.floor(examples / 4));
  const train = Math.max(0, Math.min(cap, examples - validation));
  return { train, validation };
}
