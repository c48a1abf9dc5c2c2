import "server-only";
import { previewDigest } from "@/lib/digest/service";
import { digestSections, digestTitle } from "@/lib/notifications/core/digest-render";
import type { DigestWeek } from "@/lib/notifications/core/digest-week";

/**
 * "Preview weekly digest": the model the channels would get for a week, in the same words the
 * email and Chat card use (one renderer), so an admin sees what leadership will read.
 */
export async function DigestPreview({ week }: { week: DigestWeek }) {
  const model = await previewDigest(week);
  return (
    <section className="card" data-testid="digest-preview" aria-label="Weekly digest preview">
      <h3>{digestTitle(model)}</h3>
      <p className="muted">
        {model.week.start.slice(0, 10)} to {model.week.end.slice(0, 10)} (UTC) · composed{" "}
        {model.generatedAt.slice(0, 16).replace("T", " ")} UTC
      </p>
      {digestSections(model).map((s) => (
        <div key={s.heading}>
          <h4>{s.heading}</h4>
          <ul className="plain-list">
            {s.lines.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
