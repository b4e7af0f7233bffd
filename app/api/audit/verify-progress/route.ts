import { errorResponse } from '@/lib/adapters/route';
import { can } from '@/lib/auth/actor';
import { getCurrentActor } from '@/lib/auth/session';
import { verifyChainWithProgress } from '@/lib/audit/verify';

export const dynamic = 'force-dynamic';

/** At most this often a progress line, so a long chain does not stream thousands of them. */
const PROGRESS_EVERY_MS = 200;

/** One verification at a time per server: each reads the whole chain. */
let running = false;

/**
 * The dashboard's verification with progress, for the signed-in person: NDJSON lines
 * `{"type":"progress","checked","total"}`, then `{"type":"result",…the verification result}` or
 * `{"type":"error","message"}`.
 */
export async function GET(): Promise<Response> {
  const actor = await getCurrentActor();
  if (!actor) return errorResponse('UNAUTHENTICATED', 'Sign in to verify the audit chain.', 401);
  if (!can(actor, 'audit.verify')) {
    return errorResponse('FORBIDDEN', 'Your role may not verify the audit chain.', 403);
  }
  if (running) {
    return errorResponse('BUSY', 'A verification is already running on this server: try again when it ends.', 429);
  }
  running = true;
  const encoder = new TextEncoder();
  let listening = true;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: object) => {
        if (listening) controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      };
      let lastSent = 0;
      try {
        const result = await verifyChainWithProgress(actor, (checked, total) => {
          const now = performance.now();
          if (now - lastSent < PROGRESS_EVERY_MS && checked < total) return;
          lastSent = now;
          send({ type: 'progress', checked, total });
        });
        send({ type: 'result', ...result });
      } catch (error) {
        console.error('Verifying the audit chain failed', error);
        send({ type: 'error', message: 'The verification could not run to its end. Nothing was changed; try again.' });
      } finally {
        running = false;
        if (listening) controller.close();
      }
    },
    // The person left the page: the verification runs to its end (it only reads), unheard.
    cancel() {
      listening = false;
    },
  });
  return new Response(stream, {
    headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
