// A loopback imitation of the Hugging Face Hub endpoints that @huggingface/hub calls for flanmix:
//   GET /api/datasets/{owner}/{name}/revision/{revision, URL-encoded}   (datasetInfo: the commit sha)
//   GET /api/datasets/{owner}/{name}/tree/{revision}[/{path}]?recursive= (listFiles, paginated by Link header)
//   GET /datasets/{owner}/{name}/resolve/{revision}/{path}              (fileDownloadInfo; LFS files redirect)
//   GET /cdn/{sha256}                                                    (the redirect target; Range supported)
// With `separateCdn`, /cdn/ lives on a second loopback server (its own port), as the real Hub redirects to
// cdn-lfs / xet hosts; files may also be `VirtualFile`s, generated range by range (sizes past memory).
// Errors are shaped like the Hub's: JSON bodies, X-Error-Code headers, 401 without a token, 403 with a wrong one.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A file whose bytes are generated on demand: the server never holds it whole. */
export interface VirtualFile {
  readonly size: number;
  /** Stands in for its sha256 (LFS oid, CDN path, ETag); a whole-file download will not verify against it. */
  readonly sha256: string;
  /** Bytes [start, end). */
  read(start: number, end: number): Uint8Array;
}

export type FileContent = Uint8Array | VirtualFile;

export const isVirtual = (c: FileContent): c is VirtualFile => !(c instanceof Uint8Array);
export const sizeOf = (c: FileContent) => (isVirtual(c) ? c.size : c.length);
const oidOf = (c: FileContent) => (isVirtual(c) ? c.sha256 : sha256(c));

export interface FakeRepo {
  /** Revision name (`main`, `refs/convert/parquet`) → commit sha. */
  refs: Record<string, string>;
  /** Commit sha → repo path → content. */
  commits: Record<string, Record<string, FileContent>>;
  /** When set, every call needs `Authorization: Bearer {token}` (401 without, 403 with another token). */
  token?: string;
  /** Discussions and pull requests (`/api/datasets/{repo}/discussions`); a pull request's ref goes in `refs`. */
  discussions?: FakeDiscussion[];
}

export interface FakeDiscussion {
  num: number;
  title: string;
  status: 'open' | 'closed' | 'merged' | 'draft';
  isPullRequest: boolean;
}

export interface RequestLog {
  method: string;
  url: string;
  range?: string;
  authorized: boolean;
  /** The Authorization header as received (tests check it reaches only the endpoint). */
  authorization?: string;
  /** Set on requests the separate CDN server received (`separateCdn`). */
  host?: 'cdn';
}

export const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const gitOid = (b: Uint8Array) => createHash('sha1').update(`blob ${b.length}\0`).update(b).digest('hex');

/** Parquet files are served through LFS (redirect to the CDN); other files directly, like the Hub. */
const isLfs = (path: string) => path.endsWith('.parquet');

export class FakeHub {
  readonly repos = new Map<string, FakeRepo>();
  readonly requests: RequestLog[] = [];
  /** Tree listing page size (the Hub pages at 1000; small values exercise the Link header). */
  pageSize = 1000;
  /** Discussions listing page size (the Hub pages at 50; small values exercise `p=`). */
  discussionsPageSize = 50;
  /** Cut the next `times` CDN bodies after `afterBytes` bytes (the socket is destroyed mid-body). */
  cut: { times: number; afterBytes: number } = { times: 0, afterBytes: 0 };
  /** Answer the next `n` API calls with 503 (the client should back off and retry). */
  unavailableApiCalls = 0;
  /** Repo paths the tree lists but the resolve endpoint answers 404 EntryNotFound for. */
  readonly unresolvable = new Set<string>();
  /** Hostile mirror: repo path → the ETag the resolve endpoint sends for it instead of the real one. */
  readonly etags = new Map<string, string>();
  /** Hostile mirror: the next `times` file bodies have one byte flipped (same length, real ETag and listing). */
  alter = { times: 0 };
  /** A CDN that ignores Range headers (but the 1-byte resolve probe) and sends the whole file (200). */
  noRanges = false;
  /** Slow mirror: the next `times` file bodies are sent one byte per `intervalMs` (the connection stays open). */
  trickle = { times: 0, intervalMs: 50 };
  /** Serve /cdn/ from a second loopback server on its own port (set before start()); the Hub's /cdn/ is then 404. */
  separateCdn = false;
  private server: Server | undefined;
  private cdnServer: Server | undefined;
  private readonly blobs = new Map<string, FileContent>();
  url = '';
  /** Origin of the CDN: the second server with `separateCdn`, else the Hub's own. */
  cdnUrl = '';

  /** Model repos (`/api/models/…`, `/{owner}/{name}/resolve/…`), e.g. for tokenizer files. */
  readonly models = new Map<string, FakeRepo>();

  addRepo(name: string, repo: FakeRepo, type: 'dataset' | 'model' = 'dataset'): void {
    (type === 'dataset' ? this.repos : this.models).set(name, repo);
    for (const files of Object.values(repo.commits)) {
      for (const content of Object.values(files)) this.blobs.set(oidOf(content), content);
    }
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e) => {
        res.statusCode = 500;
        res.end(String(e));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.cdnUrl = this.url;
    if (this.separateCdn) {
      this.cdnServer = createServer((req, res) => {
        this.log(req, 'cdn');
        const seg = new URL(req.url ?? '/', 'http://x').pathname.split('/').slice(1);
        if (seg[0] === 'cdn' && seg.length === 2)
          return this.serveBytes(req, res, this.blobs.get(seg[1]!), `"${seg[1]}"`, true);
        this.json(res, 404, { error: 'Not found' });
      });
      await new Promise<void>((resolve) => this.cdnServer!.listen(0, '127.0.0.1', resolve));
      this.cdnUrl = `http://127.0.0.1:${(this.cdnServer.address() as AddressInfo).port}`;
    }
    return this.url;
  }

  async stop(): Promise<void> {
    for (const server of [this.server, this.cdnServer]) {
      if (!server) continue;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    this.server = undefined;
    this.cdnServer = undefined;
  }

  private log(req: IncomingMessage, host?: 'cdn'): void {
    this.requests.push({
      ...(host ? { host } : {}),
      method: req.method ?? 'GET',
      url: req.url ?? '',
      ...(req.headers.range ? { range: req.headers.range } : {}),
      authorized: Boolean(req.headers.authorization),
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
  }

  private json(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  }

  /** null when the request may go on; otherwise the response has been sent. */
  private auth(req: IncomingMessage, res: ServerResponse, repo: FakeRepo): boolean {
    if (!repo.token) return true;
    const got = req.headers.authorization;
    if (!got) {
      this.json(
        res,
        401,
        { error: 'Invalid credentials in Authorization header' },
        { 'x-error-code': 'GatedRepo' },
      );
      return false;
    }
    if (got !== `Bearer ${repo.token}`) {
      this.json(
        res,
        403,
        { error: 'Access to this dataset is restricted.' },
        { 'x-error-code': 'GatedRepo' },
      );
      return false;
    }
    return true;
  }

  private commitOf(repo: FakeRepo, revision: string): string | undefined {
    if (repo.commits[revision]) return revision;
    return repo.refs[revision];
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.log(req);
    const url = new URL(req.url ?? '/', 'http://x');
    // Path segments are split BEFORE decoding: an unencoded `refs/convert/parquet` is three segments, as on the Hub.
    const seg = url.pathname.split('/').slice(1);

    if (seg[0] === 'cdn' && seg.length === 2 && !this.separateCdn)
      return this.serveBytes(req, res, this.blobs.get(seg[1]!), `"${seg[1]}"`, true);

    if (seg[0] === 'api' && this.unavailableApiCalls > 0) {
      this.unavailableApiCalls--;
      return this.json(res, 503, { error: 'Service Unavailable' });
    }

    if (seg[0] === 'api' && seg[1] === 'datasets' && seg.length === 5 && seg[4] === 'discussions') {
      const repo = this.repos.get(`${seg[2]}/${seg[3]}`);
      if (!repo)
        return this.json(res, 404, { error: 'Repository not found' }, { 'x-error-code': 'RepoNotFound' });
      if (!this.auth(req, res, repo)) return;
      return this.discussions(res, url, repo.discussions ?? []);
    }

    if (seg[0] === 'api' && (seg[1] === 'datasets' || seg[1] === 'models') && seg.length >= 6) {
      const name = `${seg[2]}/${seg[3]}`;
      const repo = (seg[1] === 'datasets' ? this.repos : this.models).get(name);
      if (!repo)
        return this.json(res, 404, { error: 'Repository not found' }, { 'x-error-code': 'RepoNotFound' });
      if (!this.auth(req, res, repo)) return;
      const revision = decodeURIComponent(seg[5]!);
      const commit = this.commitOf(repo, revision);
      if (seg[4] === 'revision') {
        if (seg.length !== 6 || !commit)
          return this.json(
            res,
            404,
            { error: `Invalid rev id: ${revision}` },
            { 'x-error-code': 'RevisionNotFound' },
          );
        return this.json(res, 200, {
          _id: sha1(name).slice(0, 24),
          id: name,
          sha: commit,
          private: Boolean(repo.token),
          gated: false,
          downloads: 0,
          likes: 0,
          lastModified: '2024-01-01T00:00:00.000Z',
        });
      }
      if (seg[4] === 'tree') {
        if (!commit)
          return this.json(
            res,
            404,
            { error: `Invalid rev id: ${revision}` },
            { 'x-error-code': 'RevisionNotFound' },
          );
        return this.tree(res, url, repo.commits[commit]!, seg.slice(6).map(decodeURIComponent).join('/'));
      }
    }

    // Datasets resolve under /datasets/{owner}/{name}/resolve/…, models under /{owner}/{name}/resolve/….
    const model = seg[0] !== 'datasets' && seg[2] === 'resolve';
    if (model) seg.unshift('models');
    if ((seg[0] === 'datasets' || model) && seg[3] === 'resolve' && seg.length >= 6) {
      const name = `${seg[1]}/${seg[2]}`;
      const repo = (model ? this.models : this.repos).get(name);
      if (!repo)
        return this.json(res, 404, { error: 'Repository not found' }, { 'x-error-code': 'RepoNotFound' });
      if (!this.auth(req, res, repo)) return;
      const commit = this.commitOf(repo, decodeURIComponent(seg[4]!));
      if (!commit)
        return this.json(res, 404, { error: 'Invalid rev id' }, { 'x-error-code': 'RevisionNotFound' });
      const path = seg.slice(5).map(decodeURIComponent).join('/');
      const content = this.unresolvable.has(path) ? undefined : repo.commits[commit]![path];
      if (!content)
        return this.json(res, 404, { error: 'Entry not found' }, { 'x-error-code': 'EntryNotFound' });
      const forged = this.etags.get(path);
      if (isLfs(path)) {
        const oid = oidOf(content);
        res.writeHead(302, {
          location: this.separateCdn ? `${this.cdnUrl}/cdn/${oid}` : `/cdn/${oid}`,
          'x-linked-etag': forged ?? `"${oid}"`,
          'x-linked-size': String(sizeOf(content)),
          'x-repo-commit': commit,
        });
        res.end();
        return;
      }
      if (isVirtual(content))
        throw new Error(`${path}: virtual files must be parquet (served through the CDN)`);
      return this.serveBytes(req, res, content, forged ?? `"${gitOid(content)}"`, false);
    }

    this.json(res, 404, { error: 'Not found' });
  }

  /** Newest first, filtered by `type` (`pull_request`, `discussion`, `all`) and `status`, paged by `p`. */
  private discussions(res: ServerResponse, url: URL, all: FakeDiscussion[]): void {
    const type = url.searchParams.get('type') ?? 'all';
    const status = url.searchParams.get('status') ?? 'all';
    const page = Number(url.searchParams.get('p') ?? '0');
    const matching = all
      .filter((d) => type === 'all' || d.isPullRequest === (type === 'pull_request'))
      .filter((d) => status === 'all' || d.status === status)
      .sort((a, b) => b.num - a.num);
    const start = page * this.discussionsPageSize;
    this.json(res, 200, {
      discussions: matching.slice(start, start + this.discussionsPageSize).map((d) => ({
        ...d,
        author: { name: 'someone', type: 'user' },
        repo: { name: 'x', type: 'dataset' },
        createdAt: '2024-01-01T00:00:00.000Z',
        numComments: 1,
        pinned: false,
        topReactions: [],
      })),
      count: matching.length,
      start,
      numItemsPerPage: this.discussionsPageSize,
    });
  }

  private tree(res: ServerResponse, url: URL, files: Record<string, FileContent>, path: string): void {
    const recursive = url.searchParams.get('recursive') === 'true';
    const prefix = path ? `${path}/` : '';
    const entries: unknown[] = [];
    const dirs = new Set<string>();
    for (const p of Object.keys(files).sort()) {
      if (!p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length).split('/');
      for (let i = 1; i < rest.length; i++) {
        const d = prefix + rest.slice(0, i).join('/');
        if (!dirs.has(d) && (recursive || i === 1)) {
          dirs.add(d);
          entries.push({ type: 'directory', oid: sha1(d), size: 0, path: d });
        }
      }
      if (!recursive && rest.length > 1) continue;
      const content = files[p]!;
      const size = sizeOf(content);
      entries.push({
        type: 'file',
        oid: isVirtual(content) ? sha1(content.sha256) : gitOid(content),
        size,
        path: p,
        ...(isLfs(p) ? { lfs: { oid: oidOf(content), size, pointerSize: 134 } } : {}),
      });
    }
    if (path && entries.length === 0) {
      this.json(res, 404, { error: `${path} does not exist` }, { 'x-error-code': 'EntryNotFound' });
      return;
    }
    const cursor = Number(url.searchParams.get('cursor') ?? 0);
    const page = entries.slice(cursor, cursor + this.pageSize);
    const headers: Record<string, string> = {};
    if (cursor + this.pageSize < entries.length) {
      const next = new URL(url.toString());
      next.searchParams.set('cursor', String(cursor + this.pageSize));
      headers.link = `<${this.url}${next.pathname}${next.search}>; rel="next"`;
    }
    this.json(res, 200, page, headers);
  }

  private serveBytes(
    req: IncomingMessage,
    res: ServerResponse,
    content: FileContent | undefined,
    etag: string,
    cdn: boolean,
  ): void {
    if (!content) {
      this.json(res, 404, { error: 'Not found' });
      return;
    }
    const size = sizeOf(content);
    const range =
      cdn && this.noRanges && req.headers.range !== 'bytes=0-0'
        ? null
        : /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    let start = 0;
    let end = size - 1;
    let status = 200;
    if (range) {
      start = Number(range[1]);
      end = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      if (start >= size) {
        res.writeHead(416, { 'content-range': `bytes */${size}` });
        res.end();
        return;
      }
      status = 206;
    }
    const body = isVirtual(content) ? content.read(start, end + 1) : content.subarray(start, end + 1);
    res.writeHead(status, {
      'content-type': 'application/octet-stream',
      'content-length': String(body.length),
      'accept-ranges': 'bytes',
      etag,
      ...(status === 206 ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}),
    });
    // Fault injection applies to real downloads, not the 1-byte probe of the resolve call.
    if (this.alter.times > 0 && body.length > 1) {
      this.alter.times--;
      const altered = new Uint8Array(body);
      altered[altered.length >> 1]! ^= 0xff;
      res.end(altered);
      return;
    }
    if (this.trickle.times > 0 && body.length > 1) {
      this.trickle.times--;
      let i = 0;
      const timer = setInterval(() => {
        if (res.destroyed || i >= body.length) {
          clearInterval(timer);
          if (!res.destroyed) res.end();
          return;
        }
        res.write(body.subarray(i, i + 1));
        i++;
      }, this.trickle.intervalMs);
      res.on('close', () => clearInterval(timer));
      return;
    }
    // Cut a real download midway through its body.
    if (cdn && this.cut.times > 0 && body.length > 1) {
      this.cut.times--;
      res.write(body.subarray(0, Math.min(this.cut.afterBytes, body.length - 1)), () => {
        res.socket?.destroy();
      });
      return;
    }
    res.end(body);
  }
}
