export default function ShareLinkNotFound() {
  return (
    <main className="share-page">
      <section className="card" data-testid="share-gone">
        <h1>This link does not work</h1>
        <p>It has expired, was withdrawn, or was never valid. Ask the person who sent it for a new one.</p>
      </section>
    </main>
  );
}
