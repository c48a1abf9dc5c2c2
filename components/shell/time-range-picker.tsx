"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { PRESETS, parseTimeRange, rangeToSearch, type Preset } from "@/lib/core/time-range";

function toLocalInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The time range lives in the URL so every view can be shared as a link. */
export function TimeRangePicker() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const parsed = parseTimeRange(params, new Date());
  const current = parsed.ok ? parsed.range : undefined;
  const [customOpen, setCustomOpen] = useState(current?.preset === "custom");
  const [error, setError] = useState<string>();

  function go(search: string) {
    const next = new URLSearchParams(params);
    ["range", "from", "to"].forEach((k) => next.delete(k));
    new URLSearchParams(search).forEach((v, k) => next.set(k, v));
    router.push(`${pathname}?${next.toString()}`);
  }

  function applyCustom(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const from = new Date(String(form.get("from")));
    const to = new Date(String(form.get("to")));
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return setError("Enter both dates.");
    const check = parseTimeRange(new URLSearchParams(rangeToSearch({ preset: "custom", from, to })), new Date());
    if (!check.ok) return setError(check.error.issues[0]?.message);
    setError(undefined);
    go(rangeToSearch({ preset: "custom", from, to }));
  }

  return (
    <div className="segmented" role="group" aria-label="Time range">
      {(Object.keys(PRESETS) as Preset[]).map((p) => (
        <button
          key={p}
          type="button"
          className="btn"
          aria-pressed={current?.preset === p}
          onClick={() => go(rangeToSearch({ preset: p }))}
        >
          {p}
        </button>
      ))}
      <button
        type="button"
        className="btn"
        aria-pressed={current?.preset === "custom"}
        aria-expanded={customOpen}
        onClick={() => setCustomOpen((o) => !o)}
      >
        Custom
      </button>
      {customOpen ? (
        <form onSubmit={applyCustom} className="segmented">
          <label>
            From{" "}
            <input type="datetime-local" name="from" defaultValue={current ? toLocalInput(current.from) : undefined} />
          </label>
          <label>
            To <input type="datetime-local" name="to" defaultValue={current ? toLocalInput(current.to) : undefined} />
          </label>
          <button type="submit" className="btn">
            Apply
          </button>
          {error ? (
            <span role="alert" className="error-text">
              {error}
            </span>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
