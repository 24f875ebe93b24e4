import { z } from 'zod';
import { serveFiles } from '../../explore/serve.js';
import { explorerFiles, writeExplorer } from '../../explore/site.js';
import type { Command } from '../command.js';
import { intFlag, validateFlags } from '../parse.js';

const Flags = z.object({
  port: intFlag(0, 65535).optional(),
  static: z.string().min(1).optional(),
});

export const exploreCommand: Command = {
  name: 'explore',
  summary: 'browse templates on sample or your own rows, and plan mixtures, in a local web page',
  usage: 'explore [--port N] | explore --static DIR',
  flags: {
    port: { type: 'string', arg: 'N', description: 'port on 127.0.0.1 (0: any free port)', default: '4173' },
    static: { type: 'string', arg: 'DIR', description: 'write the page as static files into DIR instead' },
  },
  details:
    'Examples:\n  flanmix explore                 # then open the printed address\n  flanmix explore --static site   # site/index.html and site/app.js, for any web server',
  async run(values, _positionals, io) {
    const flags = validateFlags(Flags, values);
    if (flags.static !== undefined) {
      for (const f of writeExplorer(flags.static)) io.stdout(`wrote ${f}\n`);
      return 0;
    }
    const server = await serveFiles(explorerFiles(), flags.port ?? 4173);
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : (flags.port ?? 4173);
    io.stdout(`flanmix explore: http://127.0.0.1:${port}/  (Ctrl-C to stop)\n`);
    await new Promise<void>((resolve) => {
      const stop = () => server.close(() => resolve());
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
