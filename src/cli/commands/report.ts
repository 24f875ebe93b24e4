import { writeReport } from '../../report/write.js';
import { type Command, UsageError } from '../command.js';

export const reportCommand: Command = {
  name: 'report',
  summary: "write a build's report.html (composition, packing, token lengths, skipped tasks, sources)",
  usage: 'report OUTDIR',
  flags: {},
  positionals: true,
  details: 'Example:\n  flanmix report out/no-nli   # regenerates out/no-nli/report.html from its manifest',
  async run(_values, positionals, io) {
    if (positionals.length !== 1) throw new UsageError('name exactly one build output folder (OUTDIR)');
    io.stdout(`wrote ${await writeReport(positionals[0]!)}\n`);
    return 0;
  },
};
