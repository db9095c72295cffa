'use client';
// The chart box's keyboard: ←/→ move between events (and put the crosshair on the event's day),
// Shift+←/→ move the crosshair by one trading day, Home/End to the first/last day in view,
// Enter opens the selected event (the panel focuses its heading), Escape closes it and the readout.
import { useState } from 'react';
import { stepDay, snapDay } from '@/lib/charts/crosshair';
import { fromTime } from '@/lib/charts/timeline';
import type { Domain } from '@/lib/charts/domain';
import { nextEventId } from '@/lib/charts/events';

type Options = {
  /** The visible events in reading order (lib/charts/events sortEntries). */
  sorted: readonly { id: string; date: string }[];
  domain: Domain;
  selectedId: string | null;
  /** The chart's trading days (lib/charts/crosshair tradingDays), asked for only when a key needs them. */
  days: () => readonly string[];
  onStep: (id: string) => void;
  onClose: () => void;
};

/** `focusRequest` grows by one per Enter; the event panel focuses its heading for each. */
export function useEventKeys({ sorted, domain, selectedId, days, onStep, onClose }: Options) {
  const [focusRequest, setFocusRequest] = useState(0);
  const [keyDay, setKeyDay] = useState<string | null>(null);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.target !== e.currentTarget) return; // keys on a label or marker are theirs
    const from = fromTime(domain[0]);
    const to = fromTime(domain[1]);
    const inView = () => days().filter((d) => d >= from && d <= to);
    if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && e.shiftKey) {
      e.preventDefault();
      const list = inView();
      const start = keyDay && list.includes(keyDay) ? keyDay : null;
      setKeyDay(stepDay(list, start, e.key === 'ArrowRight' ? 1 : -1));
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      const id = nextEventId(sorted, domain, selectedId, e.key === 'ArrowRight' ? 'next' : 'previous');
      if (id !== null) {
        onStep(id);
        const entry = sorted.find((s) => s.id === id);
        if (entry) setKeyDay(snapDay(days(), entry.date));
      }
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      const list = inView();
      setKeyDay(e.key === 'Home' ? (list[0] ?? null) : (list[list.length - 1] ?? null));
    } else if (e.key === 'Enter' && selectedId) {
      e.preventDefault();
      setFocusRequest((n) => n + 1);
    } else if (e.key === 'Escape' && (selectedId || keyDay)) {
      e.preventDefault();
      setKeyDay(null);
      if (selectedId) onClose();
    }
  };
  return { onKeyDown, focusRequest, keyDay, clearKeyDay: () => setKeyDay(null) };
}
