import type { Adapter } from '../types.js';
import { cola } from './cola.js';
import { coqa } from './coqa.js';
import { fixPunct } from './fix_punct.js';
import { mathDataset } from './math_dataset.js';
import { quac } from './quac.js';
import { trec } from './trec.js';
import { wic } from './wic.js';

export const adapters: Record<string, Adapter<unknown>> = {
  coqa,
  quac,
  trec,
  cola,
  wic,
  math_dataset: mathDataset,
  fix_punct: fixPunct,
};
