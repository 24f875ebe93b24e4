import type { Adapter } from '../types.js';
import { rte } from './rte.js';

export const adapters: Record<string, Adapter<unknown>> = { rte };
