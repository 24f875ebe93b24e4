import type { Adapter } from '../types.js';
import { copa } from './copa.js';
import { hellaswag } from './hellaswag.js';
import { piqa } from './piqa.js';
import { storyCloze } from './story_cloze.js';

export const adapters: Record<string, Adapter<unknown>> = { copa, hellaswag, piqa, story_cloze: storyCloze };
