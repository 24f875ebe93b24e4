// Node only: a Hub model repo's tokenizer.json (and tokenizer_config.json when the repo has one), through
// the sources' Hub client (src/sources/hub/file.ts: same cache layout, pinned commit, retried and verified
// downloads, offline reuse, HF_ENDPOINT / HF_TOKEN / HF_HUB_CACHE / HF_HOME / HF_HUB_OFFLINE; the token never
// appears in messages).
import { type HubFileOptions, hubFile } from '../sources/hub/file.js';
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
  commit: string;
}

export async function downloadHubTokenizer(
  spec: HubTokenizerSpec,
  env: Record<string, string | undefined> = process.env,
): Promise<HubTokenizerFiles> {
  const options: HubFileOptions = {
    env,
    ...(spec.endpoint ? { endpoint: spec.endpoint } : {}),
    ...(spec.cacheDir ? { cacheDir: spec.cacheDir } : {}),
    ...(spec.offline ? { offline: true } : {}),
  };
  let tokenizer: Awaited<ReturnType<typeof hubFile>>;
  try {
    tokenizer = await hubFile({ repo: spec.repo, path: 'tokenizer.json', revision: spec.revision }, options);
  } catch (e) {
    throw new TokenizerError(`tokenizer: ${(e as Error).message}`);
  }
  // tokenizer_config.json (eos/pad names) is optional: absent on the Hub (404), or not cached when offline.
  let configPath: string | undefined;
  try {
    configPath = (
      await hubFile({ repo: spec.repo, path: 'tokenizer_config.json', revision: tokenizer.commit }, options)
    ).path;
  } catch (e) {
    const message = (e as Error).message;
    if (!/HTTP 404|not in the download cache/.test(message))
      throw new TokenizerError(`tokenizer: ${message}`);
  }
  return { tokenizerPath: tokenizer.path, configPath, commit: tokenizer.commit };
}
