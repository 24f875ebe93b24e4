import { hubTranslation } from './pair.js';

/** WMT'16 English-Finnish (wmt/wmt16, config fi-en). */
export const wmt16_fien = hubTranslation('fi', 'Finnish');
