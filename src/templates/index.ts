export * from './compile.js';
export * from './load.js';
export * from './options.js';
export * from './render.js';
export * from './schema.js';
export * from './set.js';
