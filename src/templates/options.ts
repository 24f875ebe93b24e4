import { z } from 'zod';

/** How the options block is laid out. `flan` is FLAN 2021's (docs/templates.md); the others are opt-in. */
export const OptionsStyleSchema = z.enum(['flan', 'flan-lower', 'letters']);
export type OptionsStyle = z.infer<typeof OptionsStyleSchema>;

/**
 * Renders the options block. `flan`: `OPTIONS:` then `- option` lines, no trailing newline.
 * `letters` (Flan 2022's char options) labels options `(A)`, `(B)`…; the target stays the option text.
 */
export function renderOptions(options: readonly string[], style: OptionsStyle = 'flan'): string {
  switch (style) {
    case 'flan':
      return `OPTIONS:\n- ${options.join('\n- ')}`;
    case 'flan-lower':
      return `Options:\n- ${options.join('\n- ')}`;
    case 'letters':
      return `OPTIONS:\n${options.map((o, i) => `(${String.fromCharCode(65 + i)}) ${o}`).join('\n')}`;
  }
}
