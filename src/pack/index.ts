export * from './best-fit.js';
export * from './greedy.js';
export {
  appendEos,
  capacities,
  emptyPackReport,
  type PackItem,
  type PackReport,
  prepareItem,
  type SpecialIds,
} from './item.js';
export * from './options.js';
export * from './pack.js';
export { decoderOnlyRow, encDecRow, singleRow } from './rows.js';
