import type { Row } from '../adapters/types.js';

/** What the explorer page carries besides the core: each task's sample rows, keyed `dataset/task`. */
export interface ExploreData {
  flanmix: string;
  samples: Record<string, Row[]>;
}

/** The id of the inline `<script type="application/json">` that holds the data. */
export const DATA_ELEMENT = 'flanmix-data';
