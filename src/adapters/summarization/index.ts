import { aeslc } from './aeslc.js';
import { ag_news } from './ag_news.js';
import { cnn_dailymail } from './cnn_dailymail.js';
import { gigaword } from './gigaword.js';
import type { Adapter } from '../types.js';

export const adapters: Record<string, Adapter<unknown>> = {};

// aeslc, ag_news, cnn_dailymail, gigaword
Object.assign(adapters, { aeslc, ag_news, cnn_dailymail, gigaword });
