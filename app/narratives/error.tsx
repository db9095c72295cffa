'use client';

export default function NarrativesError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section>
      <h1>Narratives</h1>
      <div role="alert" className="error">
        <p>This page could not be loaded: {error.message || 'internal error'}.</p>
        <button type="button" onClick={reset}>
          Try again
        </button>
      </div>
    </section>
  );
}
