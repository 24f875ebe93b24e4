import { z } from 'zod';
import { list } from '../columns.js';
import { defineAdapter, one } from '../define.js';
import { allReferences, references } from './references.js';

/**
 * WebNLG: input triples `Aarhus_Airport | cityServed | "Aarhus, Denmark"` are joined with "; ", DBpedia's
 * underscores become spaces and " | " becomes ", " (FLAN's plain-text form of the triples).
 */
export const webNlg = defineAdapter({
  row: z.object({ input: list(z.string()), target: z.string(), references }),
  fields: ['input_string', 'target'],
  adapt(row) {
    const input_string = row.input.join('; ').replaceAll('_', ' ').replaceAll(' | ', ', ');
    return one({
      fields: { input_string, target: row.target },
      answers: allReferences(row.target, row.references),
    });
  },
});
