import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { requirePermission } from '../../lib/auth/actor';
import { authenticateApiKey } from '../../lib/auth/api-keys';
import { addressBucket } from '../../lib/auth/client-address';
import { evaluateAccess, evaluateAccessBatch } from '../../lib/authzen/evaluate';
import { authorize } from '../../lib/decisions/authorize';
import { authorizeSchema } from '../../lib/decisions/schemas';
import { readChainHead } from '../../lib/audit/verify';
import { getDb } from '../../lib/db';
import { parseInput } from '../../lib/validation';

/**
 * The authorize bench's baseline: a bare node:http server on the same database (DATABASE_URL) that calls the
 * same code the routes call (key check, validation, mapping, decision, chain append), without Next.js.
 * `PORT` chooses the port; GET /head answers the chain head.
 */

const MAX_BODY_BYTES = 1024 * 1024;

async function bodyOf(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function bearer(request: IncomingMessage): string | null {
  return /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1] ?? null;
}

async function answer(request: IncomingMessage): Promise<[number, unknown]> {
  if (request.method === 'GET' && request.url === '/head') return [200, await readChainHead(await getDb())];
  const secret = bearer(request);
  if (request.method !== 'POST' || !secret) return [404, { error: 'not here' }];
  const transport = { clientAddress: addressBucket(request.socket.remoteAddress ?? '') };
  const body = await bodyOf(request);
  if (request.url === '/api/v1/authorize') {
    const { action, resource, context } = parseInput(authorizeSchema, body);
    return [200, await authorize({ token: secret, action, resource, context, ...transport, via: 'authorize' })];
  }
  const key = await authenticateApiKey(secret);
  if (!key) return [401, { error: 'unknown key' }];
  requirePermission(key, 'decision.evaluate');
  if (request.url === '/access/v1/evaluation') return [200, await evaluateAccess(key, body, transport)];
  if (request.url === '/access/v1/evaluations') return [200, await evaluateAccessBatch(key, body, transport)];
  return [404, { error: 'not here' }];
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

const server = createServer((request, response) => {
  answer(request).then(
    ([status, body]) => send(response, status, body),
    (error: unknown) => {
      console.error(error);
      send(response, 500, { error: 'failed' });
    },
  );
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('baseline listening'));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
