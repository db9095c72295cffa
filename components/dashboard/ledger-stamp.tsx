// The line under the chart that says which ledger position and which event-study parameters
// the view was computed from, so a screenshot can be reproduced.
import type { ImpactsResponse } from '@/lib/contracts/read';
import { MARKER_WINDOW } from '@/lib/dashboard-params';

type Props = {
  position: number | undefined;
  replay: boolean;
  primary: string;
  /** The marker study's answer; its parameters once loaded. */
  markers: Pick<ImpactsResponse, 'params' | 'params_hash'> | undefined;
};

export function LedgerStamp({ position, replay, primary, markers }: Props) {
  const params = markers?.params;
  return (
    <footer className="stamp muted">
      Ledger position {position ?? '…'}
      {replay ? ' (replay)' : ''} · markers: CAR{`[${MARKER_WINDOW.replace(':', ',')}]`} of {primary}, {params ? `${params.model} model vs ${params.benchmark}, ${params.estimation}-return estimation, gap ${params.gap}` : 'market model vs SPY'} · params {markers?.params_hash.slice(0, 12) ?? '…'}
    </footer>
  );
}
