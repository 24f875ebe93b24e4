import { hubTranslation } from './pair.js';

/** WMT'16 English-Russian (wmt/wmt16, config ru-en). */
export const wmt16_ruen = hubTranslation('ru', 'Russian');
