import type { Adapter } from '../types.js';
import { mrpc } from './mrpc.js';
import { paws_wiki } from './paws_wiki.js';
import { qqp } from './qqp.js';
import { stsb } from './stsb.js';

export const adapters: Record<string, Adapter<unknown>> = { mrpc, qqp, paws_wiki, stsb };
