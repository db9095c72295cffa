'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

/** Ends the editor session (DELETE /api/session) and re-renders, so edit controls disappear. */
export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  const router = useRouter();
  return (
    <button
      type="button"
      className="nav-button"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        await fetch('/api/session', { method: 'DELETE' }).catch(() => null);
        router.push('/');
        router.refresh();
        setBusy(false);
      }}
    >
      Sign out
    </button>
  );
}
