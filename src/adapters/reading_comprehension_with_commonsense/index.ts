import type { Adapter } from '../types.js';
import { cosmosQa } from './cosmos_qa.js';
import { record } from './record.js';

export const adapters: Record<string, Adapter<unknown>> = { cosmos_qa: cosmosQa, record };
