import type { Adapter } from '../types.js';
import { aeslc } from './aeslc.js';
import { ag_news } from './ag_news.js';
import { cnn_dailymail } from './cnn_dailymail.js';
import { gigaword } from './gigaword.js';
import { multiNews } from './multi_news.js';
import { newsroom } from './newsroom.js';
import { opinionAbstractsIdebate } from './opinion_abstracts_idebate.js';
import { opinionAbstractsMovie } from './opinion_abstracts_movie.js';
import { samsum } from './samsum.js';
import { wikiLinguaEn } from './wiki_lingua_en.js';
import { xsum } from './xsum.js';

export const adapters: Record<string, Adapter<unknown>> = {};

// multi_news, newsroom, opinion_abstracts_*, samsum, wiki_lingua_en, xsum
Object.assign(adapters, {
  multi_news: multiNews,
  newsroom,
  opinion_abstracts_idebate: opinionAbstractsIdebate,
  opinion_abstracts_movie: opinionAbstractsMovie,
  samsum,
  wiki_lingua_en: wikiLinguaEn,
  xsum,
});

// aeslc, ag_news, cnn_dailymail, gigaword
Object.assign(adapters, { aeslc, ag_news, cnn_dailymail, gigaword });
