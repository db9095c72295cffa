// A streamed CSV response body: chunks are produced only when the client pulls (backpressure),
// and cancelling the download closes the generator (its `finally` blocks run).
import 'server-only';

export function chunksToStream(chunks: AsyncIterable<string>, onError?: (error: unknown) => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let iterator: AsyncIterator<string> | null = null;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          iterator ??= chunks[Symbol.asyncIterator]();
          const next = await iterator.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          onError?.(error);
          controller.error(error);
        }
      },
      async cancel() {
        await iterator?.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}
