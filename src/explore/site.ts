import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Row } from '../adapters/types.js';
import { FlanmixError } from '../registry/errors.js';
import { loadRegistry, tasksOf } from '../registry/load.js';
import { packageRoot } from '../sources/package-root.js';
import { hasSamples, readSampleRows } from '../sources/samples.js';
import { VERSION } from '../version.js';
import type { ExploreData } from './data.js';
import { explorerHtml, GENERATOR } from './page.js';

export interface SiteFile {
  type: string;
  body: string;
}

/** The explorer's files: `index.html` (styles and sample rows inline) and `app.js` (the bundled app). */
export function explorerFiles(): Map<string, SiteFile> {
  const app = join(packageRoot(), 'dist', 'explore', 'app.js');
  if (!existsSync(app))
    throw new FlanmixError(`the explorer app is not built (${app} is missing): run npm run build`);
  const samples: Record<string, Row[]> = {};
  for (const { dataset, task } of tasksOf(loadRegistry().datasets)) {
    if (hasSamples(dataset.id, task.id))
      samples[`${dataset.id}/${task.id}`] = readSampleRows(dataset.id, task.id);
  }
  const data: ExploreData = { flanmix: VERSION, samples };
  return new Map([
    ['index.html', { type: 'text/html; charset=utf-8', body: explorerHtml(data) }],
    ['app.js', { type: 'text/javascript; charset=utf-8', body: readFileSync(app, 'utf8') }],
  ]);
}

/**
 * Writes the explorer as static files into `dir` (created if needed). A file of the same name that flanmix
 * did not write stops it: a user's files are never overwritten.
 */
export function writeExplorer(dir: string): string[] {
  const files = explorerFiles();
  mkdirSync(dir, { recursive: true });
  for (const name of files.keys()) {
    const path = join(dir, name);
    if (existsSync(path) && !readFileSync(path, 'utf8').includes(GENERATOR))
      throw new FlanmixError(
        `--static: ${path} exists and was not written by flanmix; choose another folder`,
      );
  }
  const written: string[] = [];
  for (const [name, f] of files) {
    writeFileSync(join(dir, name), f.body);
    written.push(join(dir, name));
  }
  return written;
}
