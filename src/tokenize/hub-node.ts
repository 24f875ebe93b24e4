// Node only: a Hub model repo's tokenizer.json (and tokenizer_config.json when present), downloaded with
// @huggingface/hub into the Hugging Face cache layout (`models--owner--name/{refs,snapshots}`) and reused
// offline. HF_TOKEN is sent as a bearer token and never printed; HF_ENDPOINT, HF_HUB_CACHE, HF_HOME and
// HF_HUB_OFFLINE=1 are honoured.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { downloadFile, modelInfo } from '@huggingface/hub';
import { TokenizerError } from './prepare.js';

export interface HubTokenizerSpec {
  repo: string;
  revision?: string;
  endpoint?: string;
  cacheDir?: string;
  offline?: boolean;
}

export interface HubTokenizerFiles {
  tokenizerPath: string;
  configPath: string | undefined;
  commit: string | undefined;
}

const COMMIT = /^[0-9a-f]{40}$/;

export function hubCacheDir(env: Record<string, string | undefined>): string {
  if (env.HF_HUB_CACHE) return env.HF_HUB_CACHE;
  const home = env.HF_HOME ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'huggingface');
  return join(home, 'hub');
}

function describe(e: unknown): string {
  const status = (e as { statusCode?: number }).statusCode;
  if (status === 401 || status === 403)
    return `access refused (HTTP ${status}); set HF_TOKEN if the repo is gated or private`;
  if (status === 404) return 'not found (HTTP 404)';
  return (e as Error).message ?? String(e);
}

export async function downloadHubTokenizer(
  spec: HubTokenizerSpec,
  env: Record<string, string | undefined> = process.env,
): Promise<HubTokenizerFiles> {
  const revision = spec.revision ?? 'main';
  const offline = spec.offline ?? env.HF_HUB_OFFLINE === '1';
  const hubUrl = spec.endpoint ?? env.HF_ENDPOINT;
  const accessToken = env.HF_TOKEN ?? env.HUGGING_FACE_HUB_TOKEN;
  const creds = { ...(hubUrl ? { hubUrl } : {}), ...(accessToken ? { accessToken } : {}) };
  const folder = join(spec.cacheDir ?? hubCacheDir(env), `models--${spec.repo.split('/').join('--')}`);
  const refPath = join(folder, 'refs', revision);
  const label = `${spec.repo}@${revision}`;

  let commit: string | undefined;
  if (COMMIT.test(revision)) commit = revision;
  else if (offline) {
    if (!existsSync(refPath))
      throw new TokenizerError(`${label}: not in the Hub cache (${folder}) and offline`);
    commit = readFileSync(refPath, 'utf8').trim();
  } else {
    try {
      const info = await modelInfo({ name: spec.repo, revision, additionalFields: ['sha'], ...creds });
      commit = (info as { sha?: string }).sha;
    } catch (e) {
      // Fall back to the cache when the Hub cannot be reached (not when it answers "no").
      const status = (e as { statusCode?: number }).statusCode;
      if (status === undefined && existsSync(refPath)) commit = readFileSync(refPath, 'utf8').trim();
      else throw new TokenizerError(`${label}: ${describe(e)}`);
    }
    if (commit && COMMIT.test(commit)) {
      mkdirSync(join(folder, 'refs'), { recursive: true });
      writeFileSync(refPath, commit);
    }
  }
  if (!commit) throw new TokenizerError(`${label}: the Hub did not report a commit`);
  const snapshot = join(folder, 'snapshots', commit);

  const fetchFile = async (path: string, required: boolean): Promise<string | undefined> => {
    const target = join(snapshot, path);
    const missing = join(folder, '.no_exist', commit, path);
    if (existsSync(target)) return target;
    if (existsSync(missing) && !required) return undefined;
    if (offline) {
      if (required) throw new TokenizerError(`${label}: ${path} is not in the Hub cache and offline`);
      return undefined;
    }
    let blob: Blob | null;
    try {
      blob = await downloadFile({
        repo: { type: 'model', name: spec.repo },
        path,
        revision: commit,
        ...creds,
      });
    } catch (e) {
      throw new TokenizerError(`${label}: ${path}: ${describe(e)}`);
    }
    if (!blob) {
      if (required) throw new TokenizerError(`${label}: the repo has no ${path}`);
      mkdirSync(join(folder, '.no_exist', commit), { recursive: true });
      writeFileSync(missing, '');
      return undefined;
    }
    const bytes = Buffer.from(await blob.arrayBuffer());
    mkdirSync(snapshot, { recursive: true });
    const tmp = `${target}.incomplete-${process.pid}`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, target);
    return target;
  };

  const tokenizerPath = (await fetchFile('tokenizer.json', true))!;
  const configPath = await fetchFile('tokenizer_config.json', false);
  return { tokenizerPath, configPath, commit };
}
