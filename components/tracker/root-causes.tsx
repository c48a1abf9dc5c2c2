import type { TrackerView } from "@/lib/tracker/types";

export function RootCauses({ causes }: { causes: TrackerView["rootCauses"] }) {
  return (
    <section className="card" aria-labelledby="root-causes-title">
      <h2 id="root-causes-title">Root causes</h2>
      <ul className="root-causes">
        {causes.map((c) => (
          <li key={c.title}>
            <span className={`badge ${c.kind === "primary" ? "status-bad" : "status-warn"}`}>{c.kind}</span>{" "}
            <strong>{c.title}</strong>
            {c.detail.length ? (
              <ul>
                {c.detail.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
