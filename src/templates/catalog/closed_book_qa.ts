import arc from '../../../templates/closed_book_qa/arc.yaml';
import naturalQuestions from '../../../templates/closed_book_qa/natural_questions.yaml';
import triviaQa from '../../../templates/closed_book_qa/trivia_qa.yaml';

/** Template files of the closed_book_qa cluster, by path. */
export const files: Record<string, string> = {
  'templates/closed_book_qa/arc.yaml': arc,
  'templates/closed_book_qa/natural_questions.yaml': naturalQuestions,
  'templates/closed_book_qa/trivia_qa.yaml': triviaQa,
};
