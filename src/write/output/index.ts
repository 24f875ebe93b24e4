export { type OutputFolder, openOutputFolder } from './folder.js';
export { LOCK_FILE } from './lock.js';
export { STAGING_DIR } from './ownership.js';
