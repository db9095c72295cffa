// Stream ids per DESIGN: entry-<slug>, claim-<slug>, narrative-<slug>, ticker-<SYMBOL>.
// The only place that builds or takes apart a stream id.

export const STREAM_KINDS = ['entry', 'claim', 'narrative', 'ticker'] as const;
export type StreamKind = (typeof STREAM_KINDS)[number];

export const streamIds = {
  entry: (id: string) => `entry-${id}`,
  claim: (id: string) => `claim-${id}`,
  narrative: (id: string) => `narrative-${id}`,
  ticker: (symbol: string) => `ticker-${symbol}`,
} satisfies Record<StreamKind, (id: string) => string>;

const STREAM_ID = /^(entry|claim|narrative|ticker)-(.+)$/s;

/** The kind and entity id of a stream id, or null when it is not one of ours. */
export function parseStreamId(streamId: string): { kind: StreamKind; id: string } | null {
  const m = STREAM_ID.exec(streamId);
  return m ? { kind: m[1] as StreamKind, id: m[2]! } : null;
}

/** The entity id inside a stream id (the stream id itself when it has no known prefix). */
export function entityIdOf(streamId: string): string {
  return parseStreamId(streamId)?.id ?? streamId;
}
