export * from './catalog.js';
export * from './render.js';
