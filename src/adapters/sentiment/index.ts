import type { Adapter } from '../types.js';
import { imdb } from './imdb.js';
import { sentiment140 } from './sentiment140.js';
import { sst2 } from './sst2.js';
import { yelpPolarity } from './yelp_polarity.js';

export const adapters: Record<string, Adapter<unknown>> = {
  imdb,
  sentiment140,
  sst2,
  yelp_polarity: yelpPolarity,
};
