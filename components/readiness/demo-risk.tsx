import { formatDateTime } from "@/lib/core/format";

/** What is known to put the demo time at risk; it never changes the verdict, which is about now. */
export function DemoRisk({ demoAt, risks }: { demoAt: string; risks: readonly string[] }) {
  return (
    <section className="card demo-risk" aria-labelledby="demo-risk-title" data-testid="demo-risk">
      <h2 id="demo-risk-title">Your demo at {formatDateTime(demoAt)}</h2>
      {risks.length ? (
        <ul>
          {risks.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : (
        <p>Nothing we know of puts this time at risk. The verdict above is about now; check again shortly before.</p>
      )}
    </section>
  );
}
