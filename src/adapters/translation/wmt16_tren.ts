import { hubTranslation } from './pair.js';

/** WMT'16 English-Turkish (wmt/wmt16, config tr-en). */
export const wmt16_tren = hubTranslation('tr', 'Turkish');
