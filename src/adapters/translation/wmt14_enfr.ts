import { hubTranslation } from './pair.js';

/** WMT'14 English-French (wmt/wmt14, config fr-en). */
export const wmt14_enfr = hubTranslation('fr', 'French');
