import { localTranslation } from './pair.js';

/** ParaCrawl English-Spanish, supplied by the user as a file with columns `en` and `es`. */
export const para_crawl_enes = localTranslation('es', 'Spanish');
