import type { z } from 'zod';
import type { Dataset, Task } from '../registry/schema.js';

/** A row as the source gives it: the Hub's own columns (datasets.tsv), or a local file's. */
export type Row = Record<string, unknown>;

/** What templates see: the fields an adapter made from one row. */
export interface Example {
  /** Template fields. Classification examples carry `answer` (the correct option's text). */
  fields: Readonly<Record<string, string>>;
  /** Option texts, in order, for classification; the template's `{{options}}` block lists them. */
  options?: readonly string[];
  /** Reference answers for evaluation, when there are several (e.g. TriviaQA aliases). */
  answers?: readonly string[];
  /** Examples scored together (MultiRC: the candidate answers to one question share their question's key). */
  group?: string;
  /**
   * The language code of each text field written in a known language (translation: `{ sent1: 'en',
   * sent2: 'de' }`), so an evaluation record can say which way its template translates.
   */
  languages?: Readonly<Record<string, string>>;
}

export interface AdaptContext {
  dataset: Dataset;
  task: Task;
}

/** An adapter's verdict on one row: the examples it yields (QuAC yields one per question), or why FLAN drops it. */
export type AdaptResult = readonly Example[] | { readonly skip: string };

export interface Adapter<R = Row> {
  /** zod schema of the columns the adapter reads: the boundary check on every row. */
  readonly row: z.ZodType<R, unknown>;
  /** Field names every example has (templates may use these, plus `options`). */
  readonly fields: readonly string[];
  adapt(row: R, ctx: AdaptContext): AdaptResult;
}
