// flanmix/core: the parts that run in a browser as they are (no `node:` imports): the registry, adapters,
// templates, held-out splits, the mixer, packing and the tokenizer interface.
export * from './adapters/index.js';
export * from './mixture/index.js';
export * from './pack/index.js';
export * from './registry/index.js';
export * from './score/index.js';
export * from './splits/index.js';
export * from './templates/index.js';
export * from './tokenize/index.js';
export { VERSION } from './version.js';
