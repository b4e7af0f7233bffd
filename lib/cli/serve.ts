import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { Command, InvalidArgumentError } from 'commander';
import { clientAddressPinner } from '../auth/client-address';

/**
 * `npm start`: serves the built app with Next's request handler on our own HTTP server, so that what Node
 * refuses before Next sees a request (headers over its 16 KiB limit, a request it cannot parse) still
 * answers with the machine API's JSON error body instead of an empty one; and so that a page asked for under
 * another name of this server than NEXTAUTH_URL's goes there (Next's proxy cannot redirect between hosts on
 * one port: it rewrites such a redirect into a relative one).
 * Options as `next start` takes them: -p/--port (or PORT, else 3000) and -H/--hostname (all interfaces).
 */

type ClientError = Error & { code?: string };

function rawJsonResponse(status: number, reason: string, code: string, message: string): string {
  const body = JSON.stringify({ error: { code, message } });
  return [
    `HTTP/1.1 ${status} ${reason}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

const HEADERS_TOO_LARGE = rawJsonResponse(
  431,
  'Request Header Fields Too Large',
  'HEADERS_TOO_LARGE',
  'The request headers are larger than the server accepts (16 KiB in all).',
);
const MALFORMED_REQUEST = rawJsonResponse(400, 'Bad Request', 'MALFORMED_REQUEST', 'The request is not valid HTTP.');

function answerClientError(error: ClientError, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  socket.end(error.code === 'HPE_HEADER_OVERFLOW' ? HEADERS_TOO_LARGE : MALFORMED_REQUEST);
}

/** NEXTAUTH_URL's origin: the one site whose sign-in cookies Steward accepts. */
function configuredOrigin(): URL | null {
  try {
    return process.env.NEXTAUTH_URL ? new URL(process.env.NEXTAUTH_URL) : null;
  } catch {
    return null;
  }
}

/**
 * Sends a page asked for under another name (127.0.0.1 when Steward is configured as localhost) to the same
 * path on the configured origin: signing in works on that site only, so a visitor on the other would be sent
 * back to the sign-in page without a word. The machine API and the AuthZEN endpoints are left alone: their
 * callers use the name they were given.
 */
function redirectedToConfiguredOrigin(request: IncomingMessage, response: ServerResponse, origin: URL | null): boolean {
  const forwarded = request.headers['x-forwarded-host'];
  const host = (Array.isArray(forwarded) ? forwarded[0] : forwarded) ?? request.headers.host;
  const path = request.url ?? '/';
  if (!origin || host === origin.host || !['GET', 'HEAD'].includes(request.method ?? '')) return false;
  if (['/api/', '/access/', '/.well-known/'].some((prefix) => path.startsWith(prefix))) return false;
  // Only the path and query move over: the origin is always the configured one.
  const asked = new URL(path, 'http://steward.invalid');
  const target = new URL(`${asked.pathname}${asked.search}`, origin);
  response.writeHead(307, { Location: target.href, 'Cache-Control': 'no-store' }).end();
  return true;
}

function portNumber(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new InvalidArgumentError('Expected a port number.');
  return port;
}

async function serve(port: number, hostname: string | undefined): Promise<Server> {
  // Next reads NODE_ENV when it loads, as `next start` sets it.
  Reflect.set(process.env, 'NODE_ENV', 'production');
  const { default: next } = await import('next');
  const app = next({ dev: false, dir: process.cwd(), hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const pinClientAddress = clientAddressPinner();
  const origin = configuredOrigin();
  const server = createServer((request, response) => {
    pinClientAddress(request);
    if (!redirectedToConfiguredOrigin(request, response, origin)) void handle(request, response);
  });
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve) => server.listen(port, hostname, resolve));
  return server;
}

const program = new Command()
  .name('start')
  .description('Serves the built Steward app.')
  .option('-p, --port <port>', 'the port to listen on', portNumber, Number(process.env.PORT ?? 3000))
  .option('-H, --hostname <host>', 'the address to listen on (default: all interfaces)')
  .action(async (options: { port: number; hostname?: string }) => {
    const server = await serve(options.port, options.hostname);
    console.log(`Steward is listening on http://${options.hostname ?? 'localhost'}:${options.port}`);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => server.close(() => process.exit(0)));
    }
  });

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
