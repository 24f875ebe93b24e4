import type { Task } from './schema.js';

/** A Hub source of a task: repo, config and revision, with how sure we are that parquet is there. */
export type HubSourceEntry = Extract<Task['sources'][number], { availability: 'hub' }>;
export type ManualSourceEntry = Extract<Task['sources'][number], { availability: 'manual' }>;

/** The task's Hub sources, in the order they are tried. */
export function hubSources(task: Task): HubSourceEntry[] {
  return task.sources.filter((s): s is HubSourceEntry => s.availability === 'hub');
}

/** The task's manual source (what the user must supply), if it has one. */
export function manualSource(task: Task): ManualSourceEntry | undefined {
  return task.sources.find((s): s is ManualSourceEntry => s.availability === 'manual');
}

/** `owner/name@revision (config)`, as lists and messages show a source. */
export function describeSource(s: HubSourceEntry): string {
  return `${s.repo}@${s.revision} (${s.config})`;
}
