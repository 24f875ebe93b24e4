import type { Adapter } from '../types.js';

export const adapters: Record<string, Adapter<unknown>> = {};
