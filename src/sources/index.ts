// Sources: where rows come from (shipped samples, the Hugging Face Hub, local files), the download cache,
// and the training slice (seeded shuffle, cap, validation tail) over spill-backed pools.
export * from './errors.js';
export { type HubFile, type HubFileOptions, type HubFileRequest, hubFile } from './hub/file.js';
export { hubCacheDir } from './hub/settings.js';
export { HubSource } from './hub/source.js';
export { findLocalFiles, LocalSource } from './local.js';
export { packageRoot } from './package-root.js';
export { hasSamples, readSampleRows, SamplesSource, samplePath } from './samples.js';
export { examplesNeeded, sliceSizes } from './slice.js';
export * from './types.js';
