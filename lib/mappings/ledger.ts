// The one mapping of a raw ledger row: as stored (JSON text kept as is) and as a CSV record.
import type { ExportRecord } from '@/lib/csv/cells';

export type LedgerRow = {
  position: number;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  occurred_at: string;
  recorded_at: string;
  /** The stored JSON text, as is. */
  data: string;
  metadata: string;
};

export function ledgerRecord(row: LedgerRow): ExportRecord {
  return {
    position: row.position,
    event_id: row.event_id,
    stream_id: row.stream_id,
    stream_version: row.stream_version,
    type: row.type,
    occurred_at: row.occurred_at,
    recorded_at: row.recorded_at,
    data_json: row.data,
    metadata_json: row.metadata,
  };
}
