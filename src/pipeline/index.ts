export * from './build-mixture.js';
export * from './options.js';
export * from './score-evaluation.js';
