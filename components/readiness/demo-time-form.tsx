"use client";

import { useState, type FormEvent } from "react";
import { useReplaceSearch } from "@/components/ui/use-replace-search";
import { resolveDemoAt } from "@/lib/readiness/schemas";

/** "I demo at 15:00": kept in the URL (?demoAt=15:00, UTC) so the question can be shared. */
export function DemoTimeForm({ demoAt, error: urlError }: { demoAt: string | undefined; error: string | null }) {
  const replaceSearch = useReplaceSearch();
  const [error, setError] = useState<string | null>(null);

  function go(value: string | null) {
    replaceSearch({ demoAt: value });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("demoAt") ?? "").trim();
    if (!value) return setError("Enter the time of your demo, e.g. 15:00.");
    const r = resolveDemoAt(value, Date.now());
    if (!r.ok) return setError(`Demo time ${r.message}.`);
    setError(null);
    go(value);
  }

  const shown = error ?? (urlError ? `The demo time in the address ${urlError}.` : null);
  return (
    <form className="demo-time" onSubmit={submit} aria-label="Demo time">
      <label className="field">
        <span>I demo at (UTC)</span>
        <input
          type="time"
          name="demoAt"
          defaultValue={demoAt && /^\d{2}:\d{2}$/.test(demoAt) ? demoAt : undefined}
          aria-invalid={shown ? true : undefined}
        />
      </label>
      <button type="submit" className="btn">
        Check this time
      </button>
      {demoAt ? (
        <button type="button" className="btn" onClick={() => go(null)}>
          Clear
        </button>
      ) : null}
      {shown ? (
        <p role="alert" className="error-text">
          {shown}
        </p>
      ) : null}
    </form>
  );
}
