import { hubTranslation } from './pair.js';

/** WMT'16 English-Czech (wmt/wmt16, config cs-en). */
export const wmt16_csen = hubTranslation('cs', 'Czech');
