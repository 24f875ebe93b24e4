import { hubTranslation } from './pair.js';

/** WMT'16 English-Romanian (wmt/wmt16, config ro-en). */
export const wmt16_roen = hubTranslation('ro', 'Romanian');
