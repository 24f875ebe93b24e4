import aeslcYaml from '../../../templates/summarization/aeslc.yaml';
import agNewsYaml from '../../../templates/summarization/ag_news.yaml';
import cnnDailymailYaml from '../../../templates/summarization/cnn_dailymail.yaml';
import gigawordYaml from '../../../templates/summarization/gigaword.yaml';
/** Template files of the summarization cluster, by path. */
export const files: Record<string, string> = {};

// aeslc, ag_news, cnn_dailymail, gigaword
Object.assign(files, {
  'templates/summarization/aeslc.yaml': aeslcYaml,
  'templates/summarization/ag_news.yaml': agNewsYaml,
  'templates/summarization/cnn_dailymail.yaml': cnnDailymailYaml,
  'templates/summarization/gigaword.yaml': gigawordYaml,
});
