/** An honest placeholder: the view does not exist yet, so it shows no numbers at all. */
export function NotBuilt({ title, issue, what }: { title: string; issue: number; what: string }) {
  return (
    <section aria-labelledby="not-built-title">
      <h1 id="not-built-title">{title}</h1>
      <div className="notice" role="status">
        <p>
          <strong>This view is not built yet</strong> (issue #{issue}). It will show {what}.
        </p>
        <p className="muted">Nothing on this page is a measurement.</p>
      </div>
    </section>
  );
}
