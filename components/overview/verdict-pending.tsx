/**
 * The verdict banner before its evidence is in: painted with the page's first HTML, at the
 * banner's size, so the answer leadership looks for has its place (and its words) at once
 * instead of waiting behind the slowest read (a cold Cloud Logging read, seconds). It says
 * "not yet known" in grey, never a colour: no evidence read means no verdict, and the real
 * banner replaces it when the Overview's answer streams in.
 */
export function VerdictPending({ minHeight }: { minHeight: number }) {
  return (
    <section
      className="banner status-unknown"
      aria-labelledby="verdict-pending-title"
      aria-busy="true"
      data-testid="verdict-pending"
      data-shown="unknown"
      style={{ minHeight }}
    >
      <h2 id="verdict-pending-title" style={{ margin: 0 }}>
        Staging health: not yet known — reading…
      </h2>
      <p style={{ margin: "0.25rem 0 0" }}>
        The verdict appears here once start-ups, failures, the connector, Cloud SQL and the golden-path probes are read.
      </p>
    </section>
  );
}
