// Tokenization, pure part (runs anywhere). File, Hub, native and worker-thread loading: ./node.ts.
export * from './js-tokenizer.js';
export * from './prepare.js';
export * from './records.js';
export * from './types.js';
