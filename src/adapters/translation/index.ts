import type { Adapter } from '../types.js';
import { para_crawl_enes } from './para_crawl_enes.js';
import { wmt14_enfr } from './wmt14_enfr.js';
import { wmt16_csen } from './wmt16_csen.js';
import { wmt16_deen } from './wmt16_deen.js';
import { wmt16_fien } from './wmt16_fien.js';
import { wmt16_roen } from './wmt16_roen.js';
import { wmt16_ruen } from './wmt16_ruen.js';
import { wmt16_tren } from './wmt16_tren.js';

export const adapters: Record<string, Adapter<unknown>> = {
  para_crawl_enes,
  wmt14_enfr,
  wmt16_csen,
  wmt16_deen,
  wmt16_fien,
  wmt16_roen,
  wmt16_ruen,
  wmt16_tren,
};
