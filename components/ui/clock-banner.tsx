import Link from 'next/link';

/** Says clearly when a view is replayed (as-of date or ledger position) rather than "now". */
export function ClockBanner({ asOf, position, latest, nowHref }: { asOf: string | null; position: number | null; latest?: number; nowHref: string }) {
  if (!asOf && position === null) return null;
  const parts: string[] = [];
  if (asOf) parts.push(`as known on ${asOf}`);
  if (position !== null) parts.push(`at ledger position ${position}${latest !== undefined ? ` of ${latest}` : ''}`);
  return (
    <div className="clock-banner" role="status">
      <strong>Replay:</strong> you are viewing the data {parts.join(' and ')}, not as of now. <Link href={nowHref}>Back to now</Link>
    </div>
  );
}
