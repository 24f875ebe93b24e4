import { z } from 'zod';
import { defineAdapter, one } from '../define.js';
import { allReferences, references } from './references.js';

/** E2E NLG: the meaning representation `name[The Eagle], food[French]` reads `name = The Eagle, food = French`. */
export const e2eNlg = defineAdapter({
  row: z.object({ meaning_representation: z.string(), target: z.string(), references }),
  fields: ['meaning_representation', 'target'],
  adapt(row) {
    const meaning_representation = row.meaning_representation.replaceAll('[', ' = ').replaceAll(']', '');
    return one({
      fields: { meaning_representation, target: row.target },
      answers: allReferences(row.target, row.references),
    });
  },
});
