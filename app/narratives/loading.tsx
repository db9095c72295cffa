export default function Loading() {
  return (
    <section>
      <h1>Narratives</h1>
      <p role="status">Loading claims, prices and narrative statistics…</p>
    </section>
  );
}
