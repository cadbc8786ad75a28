// The production server: Next's request handler behind Node's own HTTP server, which is what
// `npm start`, the end-to-end tests and the benchmarks run. It exists for one reason: Next's
// `next start` does not tell the app which address a request came from (it fills in
// X-Forwarded-For only when the client has not sent one, so a client can name any address). Here
// each request carries its socket's address in `x-parallax-peer`, set by this process (any such
// header a client sends is overwritten) and signed with a key only this process knows, so the
// app can tell it from a forged one (lib/client-address.ts).
//
//   node scripts/serve.mjs [-p 3000] [-H 0.0.0.0]
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import next from 'next';

const { values } = parseArgs({ options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' } } });
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? process.env.HOSTNAME ?? '0.0.0.0';
const dir = path.resolve(import.meta.dirname, '..');

process.env.NODE_ENV = 'production';
const key = randomBytes(18).toString('base64url');
process.env.PARALLAX_PEER_KEY = key;

const app = next({ dev: false, dir, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  req.headers['x-parallax-peer'] = `${key} ${req.socket.remoteAddress ?? ''}`;
  void handle(req, res);
});
server.listen(port, hostname, () => console.log(`Parallax listening on http://${hostname}:${port}`));

// Live streams stay open for as long as a page is: close them rather than wait for them.
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
