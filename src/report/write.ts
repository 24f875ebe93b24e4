import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { FlanmixError, formatIssues, OptionError } from '../registry/errors.js';
import { loadRegistry } from '../registry/load.js';
import { MANIFEST } from '../write/manifest.js';
import { REPORT_GENERATOR, reportHtml } from './html.js';
import { type ReportManifest, ReportManifestSchema } from './model.js';

export const REPORT = 'report.html';

/**
 * Writes `report.html` into a build's output folder from its manifest.json (and, for text outputs, the
 * records counted in its shards). Replaces only a report flanmix wrote. Returns the report's path.
 */
export async function writeReport(outDir: string): Promise<string> {
  const manifest = readManifest(outDir);
  const path = join(outDir, REPORT);
  if (existsSync(path) && !readFileSync(path, 'utf8').includes(REPORT_GENERATOR))
    throw new FlanmixError(`${path} exists and was not written by flanmix; move it away to write the report`);
  const written = manifest.options.output === 'text' ? await countWritten(outDir, manifest) : undefined;
  const html = reportHtml({ manifest, written, clusters: loadRegistry().clusters });
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, html);
  await rename(tmp, path);
  return path;
}

function readManifest(outDir: string): ReportManifest {
  const file = join(outDir, MANIFEST);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // A folder without a manifest is a mistake in the call (`flanmix report` names a build folder).
    if (code === 'ENOENT') throw new OptionError(`${file} is missing: is ${outDir} a flanmix build folder?`);
    throw new FlanmixError(`cannot read ${file}: ${code}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new FlanmixError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  const r = ReportManifestSchema.safeParse(data);
  if (!r.success)
    throw new FlanmixError(`${file} is not a flanmix manifest:\n${formatIssues(r.error.issues, '$')}`);
  return r.data;
}

/** Records per member key in the training shards, read line by line (memory does not grow with the build). */
async function countWritten(outDir: string, manifest: ReportManifest): Promise<Record<string, number>> {
  const keyOf = new Map(manifest.members.map((x) => [`${x.dataset}\u0000${x.task}`, x.key]));
  const counts: Record<string, number> = {};
  for (const shard of manifest.shards) {
    const path = join(outDir, shard.file);
    const raw = createReadStream(path);
    const stream = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
    let line = 0;
    try {
      for await (const text of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
        line++;
        if (!text) continue;
        let rec: { dataset?: unknown; task?: unknown };
        try {
          rec = JSON.parse(text);
        } catch {
          throw new FlanmixError(`${path} line ${line}: not valid JSON`);
        }
        const key =
          keyOf.get(`${String(rec.dataset)}\u0000${String(rec.task)}`) ??
          `${String(rec.dataset)}/${String(rec.task)}`;
        counts[key] = (counts[key] ?? 0) + 1;
      }
    } catch (e) {
      if (e instanceof FlanmixError) throw e;
      throw new FlanmixError(
        `cannot read shard ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      );
    } finally {
      raw.destroy();
    }
  }
  return counts;
}
