import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EventPage } from '@/components/events/event-page';
import { storeForPage } from '@/server/reads';
import { isEditor } from '@/server/session';
import { parseViewState } from '@/lib/view-state';
import '../../dashboard.css';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const entry = await (await storeForPage()).read.getEntry(decodeURIComponent(id), {});
  return { title: entry?.title ?? 'Event not found' };
}

export default async function Page({ params, searchParams }: Props) {
  const { id: rawId } = await params;
  const id = decodeURIComponent(rawId);
  const view = parseViewState(new URLSearchParams(Object.entries(await searchParams).filter((e): e is [string, string] => typeof e[1] === 'string')));
  const entry = await (await storeForPage()).read.getEntry(id, { asOf: view.asOf, position: view.position });
  if (!entry) notFound();
  return (
    <section>
      <p>
        <Link href={`/?event=${encodeURIComponent(id)}`}>← Back to the timeline</Link>
      </p>
      <EventPage id={id} tickers={view.tickers} asOf={view.asOf} position={view.position} editable={await isEditor()} />
    </section>
  );
}
