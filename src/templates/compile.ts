import Handlebars from 'handlebars';
import { FlanmixError } from '../registry/errors.js';

export class TemplateError extends FlanmixError {
  override name = 'TemplateError';
}

/** A compiled Handlebars template with the field names it reads. */
export interface CompiledText {
  readonly source: string;
  readonly fields: readonly string[];
  render(context: Readonly<Record<string, string>>): string;
}

// One isolated environment with no helpers at all: templates are plain text with `{{field}}` slots,
// as FLAN's were, so nothing in a template can branch, loop or call code.
const env = Handlebars.create();
for (const name of Object.keys(env.helpers)) env.unregisterHelper(name);

/**
 * Compiles one template text. `where` names it in errors (e.g. `rte template 3 input`).
 * Only `{{name}}` slots and comments are allowed; anything else is refused up front.
 */
export function compileText(source: string, where: string): CompiledText {
  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parse(source);
  } catch (e) {
    throw new TemplateError(`${where}: not valid Handlebars: ${(e as Error).message.split('\n')[0]}`);
  }
  const fields: string[] = [];
  for (const node of ast.body) {
    if (node.type === 'ContentStatement' || node.type === 'CommentStatement') continue;
    if (node.type === 'MustacheStatement') {
      const m = node as hbs.AST.MustacheStatement;
      const path = m.path as hbs.AST.PathExpression;
      const plain =
        path.type === 'PathExpression' && path.depth === 0 && !path.data && path.original === path.parts[0];
      if (m.params.length === 0 && !m.hash && plain) {
        if (!fields.includes(path.original)) fields.push(path.original);
        continue;
      }
    }
    throw new TemplateError(`${where}: only {{field}} slots are allowed (found a ${node.type})`);
  }
  const fn = env.compile(source, { noEscape: true, strict: true, knownHelpersOnly: true, knownHelpers: {} });
  return {
    source,
    fields,
    render(context) {
      for (const f of fields) {
        if (typeof context[f] !== 'string') {
          throw new TemplateError(`${where}: the example has no field "${f}"`);
        }
      }
      return fn(context);
    },
  };
}
