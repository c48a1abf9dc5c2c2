import Link from "next/link";
import type { TrackerView } from "@/lib/tracker/types";

/** The Five Whys as a chain: each answer is the next question's cause, with its evidence. */
export function FiveWhys({ whys }: { whys: TrackerView["fiveWhys"] }) {
  return (
    <section className="card" aria-labelledby="five-whys-title">
      <h2 id="five-whys-title">Five Whys</h2>
      <ol className="why-chain" aria-label="Five Whys">
        {whys.map((w, i) => (
          <li key={w.question} className="why">
            <p className="why-q">
              <span className="why-n">Why {i + 1}</span> {w.question}
            </p>
            <p className="why-a">{w.answer}</p>
            {w.evidence ? (
              <p className="why-evidence">
                Evidence ({w.evidence.kind}): <Link href={w.evidence.href}>{w.evidence.label}</Link>
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
