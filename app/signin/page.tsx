import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  return (
    <section>
      <h1>Sign in to edit</h1>
      <p className="muted">
        Editing needs the admin token. It is printed in the server log on first start and stored beside the database
        file (<code>&lt;database&gt;.admin-token</code>), unless IMPACTLINE_ADMIN_TOKEN is set.
      </p>
      <form className="card" method="post" action="/api/session">
        <label htmlFor="token">Admin token</label>
        <input id="token" name="token" type="password" autoComplete="current-password" required />
        {error ? (
          <p role="alert" className="error">
            That token is not the admin token.
          </p>
        ) : null}
        <button type="submit">Sign in</button>
      </form>
    </section>
  );
}
