// A replica of the Hub as flanmix meets it: every registry task in its real layout, following each task's
// `sources` (repo, revision, config), built from the shipped sample rows as parquet typed like the Hub's
// (typed-parquet.ts), served by FakeHub with LFS redirects to a second loopback host (the CDN).
//
// Layouts, as the Hub has them:
//   refs/convert/parquet    {config}/{split}/0000.parquet (0001… when sharded); main holds only a script
//   main, refs/pr/N         {config}/{split}-0000N-of-0000M.parquet, or data/{split}-…parquet for "default"
// A plan makes some tasks' first source fail as it does on the Hub: a vanished refs/convert/parquet (the
// revision answers 404) or files that lack a registry column.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Row } from '../../src/adapters/types.js';
import { type HubSourceEntry, hubSources } from '../../src/registry/sources.js';
import { readSampleRows } from '../../src/sources/samples.js';
import { commitId, registry } from './fixtures.js';
import { type FakeHub, type FileContent, sha1, sizeOf } from './hub-server.js';
import { typedParquet } from './typed-parquet.js';
import { virtualParquet } from './virtual-parquet.js';

export interface ReplicaPlan {
  /** Task keys whose first source's revision is gone (404), as a deleted refs/convert/parquet. */
  vanished?: readonly string[];
  /** Task key → a registry column the first source's files lack. */
  missingColumn?: Readonly<Record<string, string>>;
  /** Task key → number of shards its train split is written as. */
  shards?: Readonly<Record<string, number>>;
  /** Task key → rows per row group (several row groups per file). */
  rowGroupSize?: Readonly<Record<string, number>>;
  /**
   * Task key → its train split as large generated shards (virtual-parquet.ts): the sample rows repeated to
   * `groupRows` rows, that row group repeated `copies` times per shard. Big enough for range reads and
   * row-group sampling, never held in memory.
   */
  large?: Readonly<Record<string, { shards: number; copies: number; groupRows: number }>>;
}

/** A plan that uses every kind of layout and failure at least once (the end-to-end test's). */
export const DEFAULT_PLAN: ReplicaPlan = {
  // Script-only repos whose converted branch is gone: the next source is another repo.
  vanished: ['piqa/piqa', 'dart/dart', 'cosmos_qa/cosmos_qa'],
  // refs/pr/7 without the summary column: the next source is refs/convert/parquet of the same repo.
  missingColumn: { 'samsum/samsum': 'summary', 'hellaswag/hellaswag': 'endings' },
  shards: { 'rte/rte': 3, 'anli/r1': 2, 'squad/v1': 2, 'xsum/xsum': 2, 'wmt16_deen/wmt16_deen': 3 },
  rowGroupSize: { 'rte/rte': 2, 'anli/r1': 3, 'trivia_qa/trivia_qa': 4, 'wmt16_deen/wmt16_deen': 2 },
};

/** What a build should record for a task. */
export interface ReplicaTask {
  key: string;
  /** 1-based position of the source a build should use, and that source. */
  source: number;
  repo: string;
  revision: string;
  config: string;
  commit: string;
  /** The repo paths of the train and test splits at that source, and their total sizes. */
  files: { train: string[]; test: string[] };
  bytes: { train: number; test: number };
}

export interface Replica {
  /** Hub tasks (dataset/task) → what a build should record. */
  tasks: Map<string, ReplicaTask>;
  /** Tasks with no Hub source (supplied with --data-dir, see writeManualData). */
  manual: string[];
}

type Files = Record<string, FileContent>;

/** Repo paths of one split of one source, with `shards` files. */
function splitPaths(s: HubSourceEntry, split: string, shards: number): string[] {
  return Array.from({ length: shards }, (_, i) => {
    if (s.revision === 'refs/convert/parquet')
      return `${s.config}/${split}/${String(i).padStart(4, '0')}.parquet`;
    const name = `${split}-${String(i).padStart(5, '0')}-of-${String(shards).padStart(5, '0')}.parquet`;
    return s.config === 'default' ? `data/${name}` : `${s.config}/${name}`;
  });
}

/** Rows split into `n` consecutive parts (the first parts one row longer when it does not divide). */
function parts(rows: readonly Row[], n: number): Row[][] {
  const out: Row[][] = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    const len = Math.floor(rows.length / n) + (i < rows.length % n ? 1 : 0);
    out.push(rows.slice(at, at + len));
    at += len;
  }
  return out;
}

/**
 * Adds every registry task with a Hub source to `hub` (call before hub.start(): repos are added, not served
 * yet). The same sample rows serve as the train and the test split, as the samples source does, so a build
 * from the replica reads what a build from the samples reads.
 */
export function addReplica(hub: FakeHub, plan: ReplicaPlan = DEFAULT_PLAN): Replica {
  // repo → revision → files
  const repos = new Map<string, Map<string, Files>>();
  const filesOf = (repo: string, revision: string): Files => {
    const revs = repos.get(repo) ?? new Map<string, Files>();
    repos.set(repo, revs);
    const files = revs.get(revision) ?? {};
    revs.set(revision, files);
    return files;
  };
  const vanished = new Set<string>(); // `repo@revision` left out of the refs
  const tasks = new Map<string, ReplicaTask>();
  const manual: string[] = [];

  for (const dataset of registry.datasets) {
    for (const task of dataset.tasks) {
      const key = `${dataset.id}/${task.id}`;
      const sources = hubSources(task);
      if (sources.length === 0) {
        manual.push(key);
        continue;
      }
      const rows = readSampleRows(dataset.id, task.id);
      const shards = plan.shards?.[key] ?? 1;
      const rowGroupSize = plan.rowGroupSize?.[key];
      let used: ReplicaTask | undefined;
      for (const [i, s] of sources.entries()) {
        const first = i === 0;
        if (first && plan.vanished?.includes(key)) {
          vanished.add(`${s.repo}@${s.revision}`);
          filesOf(s.repo, 'main')[`${s.repo.split('/')[1]}.py`] = new TextEncoder().encode(
            '# loading script\n',
          );
          continue;
        }
        const drop = first && plan.missingColumn?.[key] ? [plan.missingColumn[key]] : [];
        const files = filesOf(s.repo, s.revision);
        const write = (split: string, n: number) => {
          const paths = splitPaths(s, split, n);
          // Splits that tasks share (mnli's train, one config's split) are written once, by the first task.
          if (paths.every((p) => files[p])) return paths;
          parts(rows, n).forEach((part, k) => {
            files[paths[k]!] = typedParquet(part, task.columns, {
              drop,
              ...(rowGroupSize ? { rowGroupSize } : {}),
            });
          });
          return paths;
        };
        const large = plan.large?.[key];
        const train =
          task.splits.train === null
            ? []
            : large
              ? writeLarge(
                  files,
                  splitPaths(s, task.splits.train, large.shards),
                  rows,
                  task.columns,
                  large,
                  `${s.repo}@${s.revision}`,
                )
              : write(task.splits.train, shards);
        const test = write(task.splits.test, 1);
        if (!used && drop.length === 0) {
          const size = (ps: string[]) => ps.reduce((n, p) => n + sizeOf(files[p]!), 0);
          used = {
            key,
            source: i + 1,
            repo: s.repo,
            revision: s.revision,
            config: s.config,
            commit: commitId(`${s.repo}@${s.revision}`),
            files: { train, test },
            bytes: { train: size(train), test: size(test) },
          };
        }
      }
      if (!used) throw new Error(`${key}: the plan leaves no working source`);
      tasks.set(key, used);
    }
  }

  for (const [repo, revs] of repos) {
    const refs: Record<string, string> = {};
    const commits: Record<string, Files> = {};
    for (const [revision, files] of revs) {
      if (vanished.has(`${repo}@${revision}`)) continue;
      const commit = commitId(`${repo}@${revision}`);
      refs[revision] = commit;
      commits[commit] = revision === 'refs/convert/parquet' ? files : { 'README.md': readme(repo), ...files };
    }
    // A repo whose data lives only on refs/convert/parquet still has a main branch (the loading script).
    if (!refs.main) {
      const commit = commitId(`${repo}@main`);
      refs.main = commit;
      commits[commit] = { 'README.md': readme(repo) };
    }
    hub.addRepo(repo, { refs, commits });
  }
  return { tasks, manual };
}

/** Writes a large split's generated shards (see ReplicaPlan.large) and returns their paths. */
function writeLarge(
  files: Files,
  paths: string[],
  rows: readonly Row[],
  columns: Readonly<Record<string, string>>,
  large: { copies: number; groupRows: number },
  /** `repo@revision`, which makes each shard's id unique on the server. */
  at: string,
): string[] {
  const group = Array.from({ length: large.groupRows }, (_, i) => rows[i % rows.length]!);
  // Uncompressed and PLAIN, so that the repeated rows take the room real distinct rows would.
  const template = typedParquet(group, columns, {
    codec: 'UNCOMPRESSED',
    plain: true,
    statistics: false,
    offsetIndex: false,
  });
  paths.forEach((p, k) => {
    files[p] = virtualParquet(template, large.copies, k * large.copies, sha1(`${at}/${p}`).padEnd(64, '0'));
  });
  return paths;
}

function readme(repo: string): Uint8Array {
  return new TextEncoder().encode(`# ${repo}\n\nReplica for tests (${sha1(repo).slice(0, 8)}).\n`);
}

/**
 * Writes the manual tasks' sample rows as the local files `--data-dir` reads (`{dataset}/{task}/{split}.jsonl`,
 * the train and the test split), and returns the folder.
 */
export function writeManualData(dir: string, manual: readonly string[]): string {
  for (const key of manual) {
    const [datasetId, taskId] = key.split('/') as [string, string];
    const task = registry.datasets.find((d) => d.id === datasetId)!.tasks.find((t) => t.id === taskId)!;
    const folder = join(dir, datasetId, taskId);
    mkdirSync(folder, { recursive: true });
    const text = `${readSampleRows(datasetId, taskId)
      .map((r) => JSON.stringify(r))
      .join('\n')}\n`;
    for (const split of [task.splits.train, task.splits.test]) {
      if (split !== null) writeFileSync(join(folder, `${split}.jsonl`), text);
    }
  }
  return dir;
}
