// Tokenization, Node part: loadTokenizer (shipped default, file, Hub), native package, worker threads.
export * from './hub-node.js';
export * from './index.js';
export * from './load-node.js';
export * from './native.js';
export * from './worker-threads.js';
