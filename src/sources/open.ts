import { hubSettings } from './hub/settings.js';
import { HubSource } from './hub/source.js';
import { LocalSource } from './local.js';
import { SamplesSource } from './samples.js';
import type { DataSource, SourceSpec } from './types.js';

/**
 * Opens a source. `env` (default: process.env) supplies what the spec leaves out for the Hub: HF_ENDPOINT,
 * HF_TOKEN, HF_HUB_CACHE / HF_HOME, HF_HUB_OFFLINE. Nothing touches the disk or network until a slice is asked for.
 */
export function openSource(
  spec: SourceSpec,
  env: Record<string, string | undefined> = process.env,
): DataSource {
  switch (spec.kind) {
    case 'samples':
      return new SamplesSource(spec.localDir ? new LocalSource(spec.localDir) : undefined);
    case 'local':
      return new LocalSource(spec.dir);
    case 'hub':
      return new HubSource(
        hubSettings(spec, env),
        spec.localDir ? new LocalSource(spec.localDir) : undefined,
      );
  }
}
