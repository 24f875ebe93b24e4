import commonGen from '../../../templates/struct_to_text/common_gen.yaml';
import dart from '../../../templates/struct_to_text/dart.yaml';
import e2eNlg from '../../../templates/struct_to_text/e2e_nlg.yaml';
import webNlg from '../../../templates/struct_to_text/web_nlg.yaml';

/** Template files of the struct_to_text cluster, by path. */
export const files: Record<string, string> = {
  'templates/struct_to_text/common_gen.yaml': commonGen,
  'templates/struct_to_text/dart.yaml': dart,
  'templates/struct_to_text/e2e_nlg.yaml': e2eNlg,
  'templates/struct_to_text/web_nlg.yaml': webNlg,
};
