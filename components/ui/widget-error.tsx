"use client";

/** Shown in place of one widget whose API failed; the rest of the page keeps working. */
export function WidgetError({ title, error, onRetry }: { title: string; error: unknown; onRetry?: () => void }) {
  const message = error instanceof Error ? error.message : "The data could not be loaded.";
  return (
    <section className="card" role="alert">
      <h2>{title}</h2>
      <p className="error-text">Could not load this widget: {message}</p>
      <p className="muted">Its value is unknown until it loads; nothing here means healthy.</p>
      {onRetry ? (
        <button type="button" className="btn" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </section>
  );
}
