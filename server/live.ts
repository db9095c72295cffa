// New ledger positions for this process, whoever wrote them: the store's own subscription where
// it has one (PostgreSQL: LISTEN/NOTIFY from every process), else one shared poll of the head
// (SQLite: another process — a CLI import — may write to the same file).
import 'server-only';
import type { Store } from '@/db';

const POLL_MS = 1000;
type Listener = (position: number) => void;

const polls = new Map<Store, { listeners: Set<Listener>; timer: NodeJS.Timeout; last: number }>();

export function watchPositions(store: Store, listener: Listener): () => void {
  if (store.subscribe) return store.subscribe(listener);
  let poll = polls.get(store);
  if (!poll) {
    const state = { listeners: new Set<Listener>(), last: -1, timer: null as unknown as NodeJS.Timeout };
    const tick = async () => {
      try {
        const p = await store.read.latestPosition();
        if (p !== state.last) {
          state.last = p;
          for (const fn of state.listeners) fn(p);
        }
      } catch {
        /* the next tick tries again */
      }
    };
    state.timer = setInterval(() => void tick(), POLL_MS);
    state.timer.unref?.();
    poll = state;
    polls.set(store, poll);
    void tick();
  }
  const p = poll;
  p.listeners.add(listener);
  if (p.last >= 0) listener(p.last);
  return () => {
    p.listeners.delete(listener);
    if (p.listeners.size === 0) {
      clearInterval(p.timer);
      polls.delete(store);
    }
  };
}
