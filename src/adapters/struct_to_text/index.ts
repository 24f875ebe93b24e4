import type { Adapter } from '../types.js';
import { commonGen } from './common_gen.js';
import { dart } from './dart.js';
import { e2eNlg } from './e2e_nlg.js';
import { webNlg } from './web_nlg.js';

export const adapters: Record<string, Adapter<unknown>> = {
  common_gen: commonGen,
  dart,
  e2e_nlg: e2eNlg,
  web_nlg: webNlg,
};
