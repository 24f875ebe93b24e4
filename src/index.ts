// flanmix's public API. The core (registry, templates, splits, adapters, mixture) runs in a browser;
// file, network and process code lives in sources, write and cli.
export * from './adapters/index.js';
export * from './registry/index.js';
export * from './splits/index.js';
export * from './templates/index.js';
export { VERSION } from './version.js';
