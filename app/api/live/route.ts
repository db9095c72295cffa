// GET /api/live: server-sent events with the ledger head, so a dashboard learns of a write — made
// through this process or any other (PostgreSQL LISTEN/NOTIFY) — within a moment, without
// polling. Events: `position` with {"position": N}, first the current head, then each new one;
// a comment every 15 s keeps proxies from closing the idle stream.
import { getStore } from '@/db';
import { toResponse } from '@/server/http';
import { watchPositions } from '@/server/live';

export const dynamic = 'force-dynamic';

const HEARTBEAT_MS = 15_000;

export async function GET(request: Request) {
  try {
    const store = await getStore();
    const encoder = new TextEncoder();
    let stop = () => {};
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        let last = -1;
        let closed = false;
        const send = (text: string) => {
          if (closed) return;
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            stop();
          }
        };
        const onPosition = (position: number) => {
          if (position <= last) return;
          last = position;
          send(`event: position\ndata: ${JSON.stringify({ position })}\n\n`);
        };
        const unsubscribe = watchPositions(store, onPosition);
        const heartbeat = setInterval(() => send(': keep-alive\n\n'), HEARTBEAT_MS);
        stop = () => {
          if (closed) return;
          closed = true;
          clearInterval(heartbeat);
          unsubscribe();
          try {
            controller.close();
          } catch {
            /* already closed */
          }
        };
        request.signal.addEventListener('abort', stop);
        // The client reconnects after 2 s if the stream drops (EventSource's retry).
        send('retry: 2000\n\n');
        try {
          onPosition(await store.events.latestPosition());
        } catch {
          /* the subscription delivers the head when the database answers */
        }
      },
      cancel() {
        stop();
      },
    });
    return new Response(body, {
      headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store, no-transform', 'x-accel-buffering': 'no' },
    });
  } catch (error) {
    return toResponse(error);
  }
}
