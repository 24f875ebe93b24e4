import imdb from '../../../templates/sentiment/imdb.yaml';
import sentiment140 from '../../../templates/sentiment/sentiment140.yaml';
import sst2 from '../../../templates/sentiment/sst2.yaml';
import yelpPolarity from '../../../templates/sentiment/yelp_polarity.yaml';

/** Template files of the sentiment cluster, by path. */
export const files: Record<string, string> = {
  'templates/sentiment/imdb.yaml': imdb,
  'templates/sentiment/sentiment140.yaml': sentiment140,
  'templates/sentiment/sst2.yaml': sst2,
  'templates/sentiment/yelp_polarity.yaml': yelpPolarity,
};
