'use client';
// The chart box's keyboard: arrows move between events, Enter opens the selected one (the
// panel focuses its heading), Escape closes it.
import { useState } from 'react';
import type { Domain } from '@/lib/charts/domain';
import { nextEventId } from '@/lib/charts/events';

type Options = {
  /** The visible events in reading order (lib/charts/events sortEntries). */
  sorted: readonly { id: string; date: string }[];
  domain: Domain;
  selectedId: string | null;
  onStep: (id: string) => void;
  onClose: () => void;
};

/** `focusRequest` grows by one per Enter; the event panel focuses its heading for each. */
export function useEventKeys({ sorted, domain, selectedId, onStep, onClose }: Options) {
  const [focusRequest, setFocusRequest] = useState(0);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      const id = nextEventId(sorted, domain, selectedId, e.key === 'ArrowRight' ? 'next' : 'previous');
      if (id !== null) onStep(id);
    } else if (e.key === 'Enter' && selectedId) {
      e.preventDefault();
      setFocusRequest((n) => n + 1);
    } else if (e.key === 'Escape' && selectedId) {
      e.preventDefault();
      onClose();
    }
  };
  return { onKeyDown, focusRequest };
}
