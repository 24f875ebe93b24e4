import type { Adapter } from '../types.js';
import { definitePronounResolution } from './definite_pronoun_resolution.js';
import { winogrande } from './winogrande.js';
import { wsc273 } from './wsc273.js';

export const adapters: Record<string, Adapter<unknown>> = {
  definite_pronoun_resolution: definitePronounResolution,
  winogrande,
  wsc273,
};
