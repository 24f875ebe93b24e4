import type { Adapter } from '../types.js';
import { anli } from './anli.js';
import { cb } from './cb.js';
import { mnli } from './mnli.js';
import { qnli } from './qnli.js';
import { rte } from './rte.js';
import { snli } from './snli.js';
import { wnli } from './wnli.js';

export const adapters: Record<string, Adapter<unknown>> = { anli, cb, mnli, qnli, rte, snli, wnli };
