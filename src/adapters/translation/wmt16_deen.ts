import { hubTranslation } from './pair.js';

/** WMT'16 English-German (wmt/wmt16, config de-en). */
export const wmt16_deen = hubTranslation('de', 'German');
