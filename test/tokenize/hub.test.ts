// The Hub tokenizer path against a loopback server that answers the endpoints @huggingface/hub calls:
// GET /api/models/{repo}/revision/{rev} (commit sha) and GET /{repo}/resolve/{commit}/{file} (with the
// Range: bytes=0-0 probe for size and ETag, then the full download). No network.

import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadHubTokenizer } from '../../src/tokenize/hub-node.js';
import { defaultTokenizerPath, loadTokenizer } from '../../src/tokenize/load-node.js';

const COMMIT = 'a'.repeat(40);
const TOKEN = 'hf_testtoken';
const files: Record<string, Buffer> = {
  'tokenizer.json': brotliDecompressSync(readFileSync(defaultTokenizerPath())),
  'tokenizer_config.json': Buffer.from(JSON.stringify({ eos_token: '</s>', pad_token: '<unk>' })),
};
let server: Server;
let endpoint: string;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    seen.push(`${req.method} ${url.pathname}`);
    if (url.pathname.startsWith('/api/models/gated/')) {
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
        return;
      }
    }
    let m = /^\/api\/models\/([^/]+\/[^/]+)\/revision\/([^/]+)$/.exec(url.pathname);
    if (m) {
      if (!['org/tok', 'gated/tok', 'org/notok', 'org/noconf'].includes(m[1]!)) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Repository not found"}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ _id: '1', id: m[1], sha: COMMIT, private: false }));
      return;
    }
    m = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(url.pathname);
    const absent = m?.[1] === 'org/notok' || (m?.[1] === 'org/noconf' && m[3] === 'tokenizer_config.json');
    const body = m && !absent ? files[m[3]!] : undefined;
    if (!m || !body) {
      res.writeHead(404, { 'X-Error-Code': 'EntryNotFound' }).end('not found');
      return;
    }
    // The Hub's ETag for a non-LFS file is its git blob id (the client verifies the download against it).
    const etag = `"${createHash('sha1').update(`blob ${body.length}\0`).update(body).digest('hex')}"`;
    if (req.headers.range === 'bytes=0-0') {
      res.writeHead(206, { 'content-range': `bytes 0-0/${body.length}`, etag }).end(body.subarray(0, 1));
      return;
    }
    res.writeHead(200, { 'content-length': body.length, etag }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('tokenizer from a Hub model repo', () => {
  it('downloads into the Hugging Face cache layout, records the commit, then works offline', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'flanmix-hub-'));
    const env = { HF_ENDPOINT: endpoint, HF_HUB_CACHE: cacheDir };
    const t = await loadTokenizer({ kind: 'hub', repo: 'org/tok', workers: 1, native: 'off' }, env);
    expect(t.name).toBe(`hub:org/tok@${COMMIT}`);
    expect([t.eosId, t.padId, t.vocabSize]).toEqual([2, 0, 32000]);
    expect([...(await t.encodeBatch(['Hello world']))[0]!]).toEqual([22557, 1526]);
    const folder = join(cacheDir, 'models--org--tok');
    expect(readFileSync(join(folder, 'refs', 'main'), 'utf8')).toBe(COMMIT);
    expect(existsSync(join(folder, 'snapshots', COMMIT, 'tokenizer.json'))).toBe(true);

    // Server gone: the cache answers (offline flag, and HF_HUB_OFFLINE=1).
    const before = seen.length;
    const again = await downloadHubTokenizer({ repo: 'org/tok', offline: true }, env);
    expect(again.commit).toBe(COMMIT);
    await loadTokenizer({ kind: 'hub', repo: 'org/tok', workers: 1 }, { ...env, HF_HUB_OFFLINE: '1' });
    expect(seen.length).toBe(before);
  });

  it('a repo without tokenizer_config.json is fine; without tokenizer.json is an error', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'flanmix-hub-'));
    const env = { HF_ENDPOINT: endpoint, HF_HUB_CACHE: cacheDir };
    const t = await loadTokenizer({ kind: 'hub', repo: 'org/noconf', workers: 1 }, env);
    expect([t.eosId, t.padId]).toEqual([2, 0]);
    await expect(loadTokenizer({ kind: 'hub', repo: 'org/notok' }, env)).rejects.toThrow(
      /org\/notok@main: tokenizer\.json: not found \(HTTP 404\)/,
    );
  });

  it('401 and 404 are clear errors, and the token is never in them', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'flanmix-hub-'));
    const env = { HF_ENDPOINT: endpoint, HF_HUB_CACHE: cacheDir };
    await expect(loadTokenizer({ kind: 'hub', repo: 'org/missing' }, env)).rejects.toThrow(
      /org\/missing@main: tokenizer\.json: not found \(HTTP 404\)/,
    );
    const denied = loadTokenizer({ kind: 'hub', repo: 'gated/tok' }, { ...env, HF_TOKEN: 'hf_wrong' });
    await expect(denied).rejects.toThrow(/access refused \(HTTP 401\); set HF_TOKEN/);
    await denied.catch((e: Error) => expect(e.message).not.toContain('hf_wrong'));
    const ok = await loadTokenizer(
      { kind: 'hub', repo: 'gated/tok', workers: 1 },
      { ...env, HF_TOKEN: TOKEN },
    );
    expect(ok.eosId).toBe(2);
  });

  it('offline without a cached copy says so', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'flanmix-hub-'));
    await expect(
      loadTokenizer({ kind: 'hub', repo: 'org/tok', offline: true }, { HF_HUB_CACHE: cacheDir }),
    ).rejects.toThrow(/not in the download cache/);
  });
});
