import { createServer, type Server } from 'node:http';
import type { SiteFile } from './site.js';

/**
 * Serves fixed files on the loopback interface only: GET/HEAD of a known path, 404 otherwise. No other logic
 * runs on the server; the page does all its work in the browser.
 */
export function serveFiles(files: ReadonlyMap<string, SiteFile>, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/^\/+/, '') || 'index.html';
    const file = files.get(path);
    if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res
        .writeHead(file ? 405 : 404, { 'content-type': 'text/plain' })
        .end(file ? 'GET only\n' : 'not found\n');
      return;
    }
    const body = Buffer.from(file.body, 'utf8');
    res.writeHead(200, {
      'content-type': file.type,
      'content-length': body.length,
      'cache-control': 'no-store',
      // The page needs nothing beyond this origin; the browser enforces it. Handlebars compiles templates to
      // functions, hence 'unsafe-eval'.
      'content-security-policy':
        "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' blob:",
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
