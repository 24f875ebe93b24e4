import { z } from 'zod';
import { list } from '../columns.js';
import { defineAdapter, one } from '../define.js';

/** CommonGen: the concept set is offered two ways, comma-joined and one per line, as FLAN does. */
export const commonGen = defineAdapter({
  row: z.object({ concepts: list(z.string()), target: z.string() }),
  fields: ['concepts', 'concepts_newline', 'target'],
  adapt(row) {
    return one({
      fields: {
        concepts: row.concepts.join(', '),
        concepts_newline: row.concepts.join('\n'),
        target: row.target,
      },
    });
  },
});
