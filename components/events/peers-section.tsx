'use client';
// "Peers" (issue 15): the event across the subject, its peers and the sector ETFs (each against
// the benchmark), and the test battery over the checked tickers with what each test assumes.
// Rows come from one battery request over every ticker shown; the battery from a second one
// over the checked subject and peers (ETFs hold the same stocks, so they are left out by default).
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { testsQuery } from '@/components/data/queries';
import { useTickers } from '@/components/data/use-queries';
import { ExportMenu } from '@/components/export/export-menu';
import { TEST_INFO, TEST_NAMES, type TestResult } from '@/lib/analytics/tests-info';
import { DEFAULT_BENCHMARK } from '@/lib/config';
import { formatNumber, formatP, formatPct, stars } from '@/lib/charts/timeline';
import type { TestPair, TestsResponse, TickerView } from '@/lib/contracts/read';
import type { ClockKey } from '@/lib/query-keys';
import styles from './peers.module.css';

const WINDOWS = ['0:0', '-1:1', '0:1', '0:5', '-5:5'] as const;
const windowLabel = (w: string) => {
  const [a, b] = w.split(':').map(Number);
  return `[${a}, ${b! > 0 ? '+' : ''}${b}]`;
};

/** The subject and peers (role from the ledger), and the ETFs: benchmark-role tickers traded on an exchange, other than the benchmark. */
export function peerGroups(tickers: readonly TickerView[], benchmark = DEFAULT_BENCHMARK): { stocks: TickerView[]; etfs: TickerView[] } {
  return {
    stocks: [...tickers.filter((t) => t.role === 'subject'), ...tickers.filter((t) => t.role === 'peer')],
    etfs: tickers.filter((t) => t.role === 'benchmark' && t.exchange !== null && t.symbol !== benchmark),
  };
}

function statText(t: TestResult): string {
  if (t.statistic === null) return '—';
  return `${t.distribution === 't' ? 't' : 'Z'} ${formatNumber(t.statistic)}`;
}

export function PeersSection({ eventId, clock }: { eventId: string; clock: ClockKey }) {
  const tickersQ = useTickers();
  const [window, setWindow] = useState<string>('-1:1');
  const [unchecked, setUnchecked] = useState<string[]>([]);
  const { stocks, etfs } = peerGroups(tickersQ.data?.tickers ?? []);
  const all = [...stocks, ...etfs].map((t) => t.symbol);
  const sample = stocks.map((t) => t.symbol).filter((s) => !unchecked.includes(s));
  const base = { events: eventId, window, asOf: clock.asOf, position: clock.position };
  const rowsQ = useQuery({ ...testsQuery({ ...base, tickers: all.join(',') }), enabled: all.length > 0, placeholderData: keepPreviousData });
  const batteryQ = useQuery({ ...testsQuery({ ...base, tickers: sample.join(',') }), enabled: sample.length > 0, placeholderData: keepPreviousData });
  const rows = rowsQ.data;
  const battery = sample.length > 0 ? batteryQ.data : undefined;
  const byTicker = new Map((rows?.pairs ?? []).map((p) => [p.ticker, p] as const));
  const reasons = new Map((rows?.excluded ?? []).filter((e) => e.scope === 'sample').map((e) => [e.ticker, e.reason] as const));
  const win = windowLabel(window);

  return (
    <section className={styles.peers} aria-labelledby={`peers-${eventId}`}>
      <h3 id={`peers-${eventId}`}>Peers</h3>
      <p className="muted small">
        The event across the subject, its peers and sector ETFs, each against {rows?.params.benchmark ?? DEFAULT_BENCHMARK}, and the test battery over the checked tickers.
      </p>
      <label className={styles.window}>
        Event window{' '}
        <select value={window} onChange={(e) => setWindow(e.target.value)}>
          {WINDOWS.map((w) => (
            <option key={w} value={w}>
              {windowLabel(w)} trading days
            </option>
          ))}
        </select>
      </label>
      {tickersQ.isError ? <p className="error">Tickers could not be loaded: {tickersQ.error.message}</p> : null}
      {rowsQ.isPending && all.length > 0 ? <p className="muted">Computing the cross-section…</p> : null}
      {rowsQ.isError ? (
        <p className="error" role="alert">
          {rowsQ.error.message}
        </p>
      ) : null}
      {rows ? (
        <div className={styles.scroll} role="region" aria-label={`Peers of this event, CAR${win}`} tabIndex={0}>
          <table className={styles.table}>
            <caption className={styles.srOnly}>
              CAR{win} of each ticker for this event, with its t-test, buy-and-hold abnormal return and abnormal volume; the checkbox puts the ticker in the test sample
            </caption>
            <thead>
              <tr>
                <th scope="col">In tests</th>
                <th scope="col">Ticker</th>
                <th scope="col">CAR</th>
                <th scope="col">t</th>
                <th scope="col">p</th>
                <th scope="col" title="Buy-and-hold return minus the benchmark's over the window">
                  BHAR
                </th>
                <th scope="col" title="Cumulative abnormal log volume: ln(1 + volume) against its estimation-window mean">
                  CAV
                </th>
              </tr>
            </thead>
            <tbody>
              {[...stocks, ...etfs].map((t) => {
                const p: TestPair | undefined = byTicker.get(t.symbol);
                const isStock = stocks.includes(t);
                const on = isStock && !unchecked.includes(t.symbol);
                return (
                  <tr key={t.symbol} className={isStock ? undefined : styles.etf}>
                    <td>
                      {isStock ? (
                        <input
                          type="checkbox"
                          aria-label={`Include ${t.symbol} in the tests`}
                          checked={on}
                          onChange={() => setUnchecked((u) => (on ? [...u, t.symbol] : u.filter((s) => s !== t.symbol)))}
                        />
                      ) : (
                        <span className="muted small" title="An ETF holds the same stocks: left out of the tests">
                          ETF
                        </span>
                      )}
                    </td>
                    <th scope="row">
                      {t.symbol} {t.role === 'subject' ? <span className="muted small">subject</span> : null}
                    </th>
                    {p ? (
                      <>
                        <td className={p.car < 0 ? styles.neg : styles.pos}>
                          {formatPct(p.car)}
                          <span className={styles.stars}>{stars(p.p)}</span>
                        </td>
                        <td>{formatNumber(p.t)}</td>
                        <td>{formatP(p.p)}</td>
                        <td>{formatPct(p.bhar)}</td>
                        <td title={p.cav === null ? 'no usable volume' : `t ${formatNumber(p.cav_t)}`}>{p.cav === null ? '—' : formatNumber(p.cav)}</td>
                      </>
                    ) : (
                      <td colSpan={5} className="muted small">
                        {reasons.get(t.symbol) ?? 'no estimate'}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {sample.length === 0 ? <p className="muted">Check at least two tickers to run the tests.</p> : null}
      {batteryQ.isError && sample.length > 0 ? (
        <p className="error" role="alert">
          {batteryQ.error.message}
        </p>
      ) : null}
      {battery ? <Battery data={battery} window={win} /> : sample.length > 0 && batteryQ.isPending ? <p className="muted">Running the tests…</p> : null}
      {sample.length > 0 ? (
        <ExportMenu
          dataset="tests"
          label="Export tests CSV"
          params={{ events: eventId, tickers: sample, window, asOf: clock.asOf, position: clock.position === null ? null : String(clock.position) }}
        />
      ) : null}
    </section>
  );
}

function Battery({ data, window }: { data: TestsResponse; window: string }) {
  const kp = data.tests.kolari_pynnonen;
  const sign = data.tests.generalized_sign;
  return (
    <div className={styles.battery}>
      <h4>
        Tests over {data.n} pair{data.n === 1 ? '' : 's'} <span className="muted">(CAAR{window} {formatPct(data.caar)}, mean BHAR {formatPct(data.mean_bhar)})</span>
      </h4>
      {data.n === 0 ? <p className="muted small">No ticker has a complete window at this clock: {data.excluded[0]?.reason ?? 'no estimate'}.</p> : null}
      <div className={styles.scroll} role="region" aria-label="Test battery" tabIndex={0}>
        <table className={styles.table}>
          <caption className={styles.srOnly}>Event-study tests of the CAR{window} across the checked tickers, each with what it assumes</caption>
          <thead>
            <tr>
              <th scope="col">Test and what it assumes</th>
              <th scope="col">Statistic</th>
              <th scope="col">p</th>
              <th scope="col">n</th>
            </tr>
          </thead>
          <tbody>
            {TEST_NAMES.map((name) => {
              const t = data.tests[name];
              return (
                <tr key={name}>
                  <th scope="row" className={styles.assumes}>
                    {TEST_INFO[name].label} <span className={styles.paper}>({TEST_INFO[name].paper})</span>
                    <span className={styles.note}>
                      {t.reason ? <>Not computed: {t.reason}. </> : null}
                      {TEST_INFO[name].assumes}
                    </span>
                  </th>
                  <td>{statText(t)}</td>
                  <td>
                    {formatP(t.p_value)}
                    <span className={styles.stars}>{stars(t.p_value)}</span>
                  </td>
                  <td>{t.n}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        Stars: * p&lt;0.1, ** p&lt;0.05, *** p&lt;0.01. Z statistics use the standard normal, t statistics Student&apos;s t with n − 1 degrees of freedom.
        {kp.r_bar !== undefined ? ` Mean correlation of estimation residuals r̄ = ${formatNumber(kp.r_bar, 3)}.` : ''}
        {sign.p_hat !== undefined ? ` Generalised sign: ${sign.positive} of ${sign.n} CARs positive, expected share p̂ = ${formatNumber(sign.p_hat, 3)}.` : ''}
      </p>
    </div>
  );
}
