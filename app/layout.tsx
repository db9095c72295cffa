import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import { Providers } from '@/components/providers';
import { SignOutButton } from '@/components/ui/sign-out-button';
import { isEditor } from '@/server/session';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Impactline', template: '%s · Impactline' },
  description: 'Event-sourced market-impact dashboard: what happened, what each side claimed it cost, and how the market moved.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const editor = await isEditor();
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <Link href="/" className="brand">
            Impactline
          </Link>
          <nav aria-label="Main">
            <Link href="/">Timeline</Link>
            <Link href="/narratives">Narratives</Link>
            <Link href="/heatmap">Heatmap</Link>
            <Link href="/ledger">Ledger</Link>
            <Link href="/import">Import</Link>
            <Link href="/api">API</Link>
            {editor ? (
              <>
                <Link href="/record">Record event</Link>
                <SignOutButton />
              </>
            ) : (
              <Link href="/signin">Sign in</Link>
            )}
          </nav>
        </header>
        <Providers>
          <main id="main">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
