import Handlebars from 'handlebars';
import { FlanmixError } from '../registry/errors.js';

export class TemplateError extends FlanmixError {
  override name = 'TemplateError';
}

/** A compiled template text with the field names it reads. */
export interface CompiledText {
  readonly source: string;
  readonly fields: readonly string[];
  render(context: Readonly<Record<string, string>>): string;
}

/**
 * Compiles one template text. `where` names it in errors (e.g. `rte template 3 input`).
 * Only `{{name}}` slots and comments are allowed; anything else is refused up front.
 *
 * Templates are plain text with `{{field}}` slots, as FLAN's were, so nothing in a template can branch,
 * loop or call code. Handlebars parses them (its syntax, comments and whitespace control: `{{~x}}` and
 * standalone comment lines are stripped while parsing), and the parsed text pieces and slots are then
 * joined by a plain function instead of the Handlebars runtime: with `noEscape` and `strict` and no
 * helpers, a slot's output is its string value, so the text is the same, and rendering is several
 * times cheaper (it runs once per mixture record). test/templates.test.ts checks it against Handlebars.
 */
export function compileText(source: string, where: string): CompiledText {
  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parse(source);
  } catch (e) {
    throw new TemplateError(`${where}: not valid Handlebars: ${(e as Error).message.split('\n')[0]}`);
  }
  const fields: string[] = [];
  // The text alternates: texts[0], slots[0], texts[1], slots[1], …, texts[slots.length].
  const texts: string[] = [''];
  const slots: string[] = [];
  for (const node of ast.body) {
    if (node.type === 'CommentStatement') continue;
    if (node.type === 'ContentStatement') {
      texts[texts.length - 1] += (node as hbs.AST.ContentStatement).value;
      continue;
    }
    if (node.type === 'MustacheStatement') {
      const m = node as hbs.AST.MustacheStatement;
      const path = m.path as hbs.AST.PathExpression;
      const plain =
        path.type === 'PathExpression' && path.depth === 0 && !path.data && path.original === path.parts[0];
      if (m.params.length === 0 && !m.hash && plain) {
        if (!fields.includes(path.original)) fields.push(path.original);
        slots.push(path.original);
        texts.push('');
        continue;
      }
    }
    throw new TemplateError(`${where}: only {{field}} slots are allowed (found a ${node.type})`);
  }
  return {
    source,
    fields,
    render(context) {
      for (const f of fields) {
        if (typeof context[f] !== 'string') {
          throw new TemplateError(`${where}: the example has no field "${f}"`);
        }
      }
      let out = texts[0]!;
      for (let i = 0; i < slots.length; i++) out += context[slots[i]!]! + texts[i + 1]!;
      return out;
    },
  };
}
