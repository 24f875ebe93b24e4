import aeslcYaml from '../../../templates/summarization/aeslc.yaml';
import agNewsYaml from '../../../templates/summarization/ag_news.yaml';
import cnnDailymailYaml from '../../../templates/summarization/cnn_dailymail.yaml';
import gigawordYaml from '../../../templates/summarization/gigaword.yaml';
import multiNewsYaml from '../../../templates/summarization/multi_news.yaml';
import newsroomYaml from '../../../templates/summarization/newsroom.yaml';
import opinionAbstractsIdebateYaml from '../../../templates/summarization/opinion_abstracts_idebate.yaml';
import opinionAbstractsMovieYaml from '../../../templates/summarization/opinion_abstracts_movie.yaml';
import samsumYaml from '../../../templates/summarization/samsum.yaml';
import wikiLinguaEnYaml from '../../../templates/summarization/wiki_lingua_en.yaml';
import xsumYaml from '../../../templates/summarization/xsum.yaml';
/** Template files of the summarization cluster, by path. */
export const files: Record<string, string> = {};

// multi_news, newsroom, opinion_abstracts_*, samsum, wiki_lingua_en, xsum
Object.assign(files, {
  'templates/summarization/multi_news.yaml': multiNewsYaml,
  'templates/summarization/newsroom.yaml': newsroomYaml,
  'templates/summarization/opinion_abstracts_idebate.yaml': opinionAbstractsIdebateYaml,
  'templates/summarization/opinion_abstracts_movie.yaml': opinionAbstractsMovieYaml,
  'templates/summarization/samsum.yaml': samsumYaml,
  'templates/summarization/wiki_lingua_en.yaml': wikiLinguaEnYaml,
  'templates/summarization/xsum.yaml': xsumYaml,
});

// aeslc, ag_news, cnn_dailymail, gigaword
Object.assign(files, {
  'templates/summarization/aeslc.yaml': aeslcYaml,
  'templates/summarization/ag_news.yaml': agNewsYaml,
  'templates/summarization/cnn_dailymail.yaml': cnnDailymailYaml,
  'templates/summarization/gigaword.yaml': gigawordYaml,
});
