// Lets tsx run benchmarks straight from src/: template files load as text, as tsup and vitest load them.
// Usage: node --import tsx --import ./bench/yaml-loader.mjs bench/<name>.ts
import { readFile } from 'node:fs/promises';
import { register } from 'node:module';

if (!process.env.FLANMIX_YAML_HOOK) {
  process.env.FLANMIX_YAML_HOOK = '1';
  register(import.meta.url, import.meta.url);
}

export async function load(url, context, nextLoad) {
  if (url.endsWith('.yaml')) {
    const text = await readFile(new URL(url), 'utf8');
    return { format: 'module', source: `export default ${JSON.stringify(text)};`, shortCircuit: true };
  }
  return nextLoad(url, context);
}
