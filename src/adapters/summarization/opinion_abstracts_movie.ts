import { z } from 'zod';
import { list } from '../columns.js';
import { defineAdapter, enumerateItems, one, skip } from '../define.js';

/** FLAN numbers at most this many reviews. */
const MAX_REVIEWS = 10;

/**
 * Opinion Abstracts, Rotten Tomatoes (manual files). As FLAN: the movie name is a slug whose "_" become
 * spaces (left lower-case, as FLAN leaves it), `first_review` is the first critic's review and
 * `numbered_reviews` numbers the first ten; the critic consensus is the target. A movie with no reviews
 * or no consensus is skipped (FLAN would fail on the missing first review).
 */
export const opinionAbstractsMovie = defineAdapter({
  row: z.object({ movie_name: z.string(), critic_consensus: z.string(), critics: list(z.string()) }),
  fields: ['movie', 'critic_consensus', 'first_review', 'numbered_reviews'],
  adapt(row) {
    const first = row.critics[0];
    if (first === undefined) return skip('no reviews');
    const consensus = row.critic_consensus.trim();
    if (consensus === '') return skip('empty consensus');
    return one({
      fields: {
        movie: row.movie_name.replace(/_/g, ' '),
        critic_consensus: consensus,
        first_review: first,
        numbered_reviews: enumerateItems(row.critics.slice(0, MAX_REVIEWS)),
      },
    });
  },
});
