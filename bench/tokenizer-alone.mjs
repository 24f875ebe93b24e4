// The tokenizer alone over a text build's training records (the same rendered text a packed build
// tokenizes): the same engine and worker count as the CLI, ids dropped. Prints the token count as JSON.
// Usage: node bench/tokenizer-alone.mjs DIR [workers] [path of flanmix's dist/index.js]
import { createReadStream, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

const [dir, workers = '0', index = new URL('../dist/index.js', import.meta.url).pathname] =
  process.argv.slice(2);
const { loadTokenizer, tokenizeRecords } = await import(pathToFileURL(index).href);
const files = readdirSync(dir)
  .filter((f) => /^train-\d{5}-of-\d{5}\.jsonl$/.test(f))
  .sort();

async function* records() {
  for (const f of files)
    for await (const line of createInterface({ input: createReadStream(join(dir, f)), crlfDelay: Infinity }))
      if (line) yield JSON.parse(line);
}

const tokenizer = await loadTokenizer({ kind: 'default', workers: Number(workers) });
let tokens = 0;
let examples = 0;
for await (const ex of tokenizeRecords(records(), tokenizer)) {
  tokens += ex.inputs.length + ex.targets.length;
  examples++;
}
await tokenizer.close?.();
console.log(JSON.stringify({ examples, tokens, backend: tokenizer.backend }));
