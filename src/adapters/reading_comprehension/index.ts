import type { Adapter } from '../types.js';
import { bool_q } from './bool_q.js';
import { drop } from './drop.js';
import { multirc } from './multirc.js';
import { openbookqa } from './openbookqa.js';
import { squad } from './squad.js';

export const adapters: Record<string, Adapter<unknown>> = { bool_q, drop, multirc, openbookqa, squad };
