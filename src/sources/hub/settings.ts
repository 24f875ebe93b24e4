import { homedir } from 'node:os';
import { join } from 'node:path';
import { VERSION } from '../../version.js';
import { SourceError } from '../errors.js';
import type { SourceSpec } from '../types.js';

export const DEFAULT_ENDPOINT = 'https://huggingface.co';

/** Everything the Hub source needs, resolved from the spec and the environment. */
export interface HubSettings {
  endpoint: string;
  /** Never printed, logged or written anywhere: only sent as a Bearer header to the endpoint. */
  token: string | undefined;
  cacheDir: string;
  offline: boolean;
  retries: number;
  retryDelayMs: number;
  /** Idle timeout of a transfer: under 1 KiB in this long counts as a stall (see idle.ts). */
  stallTimeoutMs: number;
  /**
   * Splits of at least this many bytes are read by HTTP range requests (footer and the row groups a slice
   * needs); smaller ones are downloaded whole and verified against their hash.
   */
  rangeMinBytes: number;
  /** Timeout of one API call (revision, tree listing, resolve). */
  requestTimeoutMs: number;
  userAgent: string;
  /** `repo@revision` → commit sha: revisions pinned to what an earlier build read. */
  commits: Readonly<Record<string, string>>;
}

const truthy = (v: string | undefined) =>
  v !== undefined && ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());

/**
 * The Hugging Face cache folder, as huggingface_hub computes it: HF_HUB_CACHE (or the older
 * HUGGINGFACE_HUB_CACHE), else HF_HOME/hub, else $XDG_CACHE_HOME/huggingface/hub, else ~/.cache/huggingface/hub.
 */
export function hubCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  if (env.HF_HUB_CACHE) return env.HF_HUB_CACHE;
  if (env.HUGGINGFACE_HUB_CACHE) return env.HUGGINGFACE_HUB_CACHE;
  const home = env.HF_HOME || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'huggingface');
  return join(home, 'hub');
}

/** Spec fields win over the environment (HF_ENDPOINT, HF_TOKEN or HUGGING_FACE_HUB_TOKEN, HF_HUB_CACHE / HF_HOME); offline if either asks. */
export function hubSettings(
  spec: Extract<SourceSpec, { kind: 'hub' }>,
  env: Readonly<Record<string, string | undefined>>,
): HubSettings {
  const endpoint = (spec.endpoint || env.HF_ENDPOINT || DEFAULT_ENDPOINT).replace(/\/+$/, '');
  const token = spec.token ?? (env.HF_TOKEN || env.HUGGING_FACE_HUB_TOKEN || undefined);
  return {
    endpoint,
    token,
    cacheDir: spec.cacheDir || hubCacheDir(env),
    // Either one makes the source offline: a build's `offline: false` default must not undo HF_HUB_OFFLINE=1.
    offline: spec.offline === true || truthy(env.HF_HUB_OFFLINE),
    retries: spec.retries ?? 5,
    retryDelayMs: spec.retryDelayMs ?? 500,
    stallTimeoutMs: spec.stallTimeoutMs ?? downloadTimeoutMs(env),
    rangeMinBytes: spec.rangeMinBytes ?? 64 * 1024 * 1024,
    requestTimeoutMs: 60_000,
    userAgent: `flanmix/${VERSION}`,
    commits: spec.commits ?? {},
  };
}

/** HF_HUB_DOWNLOAD_TIMEOUT (seconds, as huggingface_hub reads it), else 30 s. */
function downloadTimeoutMs(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env.HF_HUB_DOWNLOAD_TIMEOUT;
  if (raw === undefined || raw === '') return 30_000;
  const s = Number(raw);
  if (!Number.isFinite(s) || s <= 0)
    throw new SourceError(
      `HF_HUB_DOWNLOAD_TIMEOUT must be a positive number of seconds, got ${JSON.stringify(raw)}`,
    );
  return Math.round(s * 1000);
}

/** Replaces the token wherever it might appear in a message (defence in depth: we never put it there). */
export function redact(text: string, token: string | undefined): string {
  return token ? text.split(token).join('hf_***') : text;
}
