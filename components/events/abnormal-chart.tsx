'use client';
// The AR/CAR chart with its volume mode: abnormal returns, or abnormal trading volume (fetched
// from /api/impacts with volume=1 when the mode is first chosen) over the same days. The caller
// may put a menu (e.g. image downloads) under the chart shown, told which mode it is in.
import { useId, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { impactsQuery } from '@/components/data/queries';
import type { ImpactResult, ImpactsResponse } from '@/lib/contracts/read';
import type { ClockKey } from '@/lib/query-keys';
import { ArCarChart, returnRows, volumeRows, type ChartMode } from './ar-car-chart';
import styles from './peers.module.css';

type Props = {
  eventId: string;
  result: ImpactResult;
  clock: ClockKey;
  width: number;
  height?: number;
  /** Events to name in the crosshair readout. */
  events?: { id: string; title: string; date: string }[];
  /** Rendered under the chart when one is drawn; `volume` is the volume=1 answer in volume mode. */
  menu?: (mode: ChartMode, volume: ImpactsResponse | undefined) => ReactNode;
};

export function AbnormalChart({ eventId, result, clock, width, height, events, menu }: Props) {
  const [mode, setMode] = useState<ChartMode>('returns');
  const name = useId();
  const volumeQ = useQuery({
    ...impactsQuery({ event: eventId, tickers: result.ticker, volume: 1, asOf: clock.asOf, position: clock.position }),
    enabled: mode === 'volume',
  });
  const study = volumeQ.data?.results[0]?.result?.volume;
  return (
    <div className="ar-chart-wrap">
      <h4>
        Daily abnormal {mode === 'volume' ? 'volume' : 'returns'} — {result.ticker}
      </h4>
      <fieldset className={styles.modes}>
        <legend>Show</legend>
        {(['returns', 'volume'] as const).map((m) => (
          <label key={m}>
            <input type="radio" name={name} value={m} checked={mode === m} onChange={() => setMode(m)} />
            {m === 'returns' ? 'Abnormal returns' : 'Abnormal volume'}
          </label>
        ))}
      </fieldset>
      {mode === 'returns' ? (
        <>
          <ArCarChart rows={returnRows(result.result?.daily ?? [])} ticker={result.ticker} width={width} height={height} sigma={result.result?.estimation.sigma ?? null} events={events} />
          {menu?.('returns', undefined)}
        </>
      ) : volumeQ.isPending ? (
        <p className="muted">Loading volumes…</p>
      ) : volumeQ.isError ? (
        <p className="error" role="alert">
          {volumeQ.error.message}
        </p>
      ) : !study || study.reason ? (
        <p className="muted">No abnormal volume for {result.ticker}: {study?.reason ?? 'no estimate'}.</p>
      ) : (
        <>
          <ArCarChart rows={volumeRows(study.daily)} ticker={result.ticker} width={width} height={height} events={events} mode="volume" />
          {menu?.('volume', volumeQ.data)}
        </>
      )}
    </div>
  );
}
