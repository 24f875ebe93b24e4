import { z } from 'zod';
import { int } from '../columns.js';
import { defineAdapter, one, skip } from '../define.js';

/**
 * `[header] ` markers go; every other bracketed marker (`[title] `, `[step] `…) starts a new line. Unlike
 * FLAN we also drop the spaces before such a marker and trim the ends, so no line ends in a space.
 */
export function cleanHellaswagContext(ctx: string): string {
  return ctx
    .replace(/\[header\]\s/g, '')
    .replace(/ *\[.*?\]\s/g, '\n')
    .trim();
}

/** Endings lose their bracketed markers (`[substeps] `…) outright, as in FLAN. */
export function cleanHellaswagEnding(ending: string): string {
  return ending.replace(/\[.*?\]\s/g, '').trim();
}

/**
 * HellaSwag: pick the ending of a context (ActivityNet captions or WikiHow steps). FLAN strips the WikiHow
 * bracket markers ("a model will have a hard time producing a string with brackets"): in the context
 * `[header] ` is removed and other `[...] ` markers become newlines; in the endings they are removed.
 * Label is a string on the Hub ("0".."3", empty in test); rows without a label 0-3 are dropped, as FLAN does.
 */
export const hellaswag = defineAdapter({
  row: z.object({
    ctx: z.string(),
    endings: z.array(z.string()),
    label: z.union([z.string(), int]),
  }),
  fields: ['context', 'answer'],
  adapt(row) {
    const label = String(row.label).trim();
    if (!/^[0-3]$/.test(label)) return skip('no gold label');
    const options = row.endings.map(cleanHellaswagEnding);
    const answer = options[Number(label)];
    if (answer === undefined) return skip('no gold label');
    return one({ fields: { context: cleanHellaswagContext(row.ctx), answer }, options });
  },
});
