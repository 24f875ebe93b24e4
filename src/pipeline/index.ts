export * from './build-mixture.js';
export * from './options.js';
