import type { Adapter } from '../types.js';
import { arc } from './arc.js';
import { naturalQuestions } from './natural_questions.js';
import { triviaQa } from './trivia_qa.js';

export const adapters: Record<string, Adapter<unknown>> = {
  arc,
  natural_questions: naturalQuestions,
  trivia_qa: triviaQa,
};
