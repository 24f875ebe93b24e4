export * from './options.js';
export * from './pack.js';
