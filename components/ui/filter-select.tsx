"use client";

import { useHydrated } from "./use-hydrated";

export type FilterOption = { value: string; label: string; key?: string };

/**
 * One filter kept in the URL: a labelled select whose first choice, `all` (the empty value),
 * clears it. Disabled until React has hydrated the page (see useHydrated), so a choice made
 * before then is not replayed away.
 */
export function FilterSelect({
  label,
  value,
  options,
  onChange,
  allLabel = "all",
}: {
  label: string;
  value: string | null | undefined;
  options: readonly FilterOption[];
  onChange: (value: string) => void;
  allLabel?: string;
}) {
  const hydrated = useHydrated();
  return (
    <label>
      {label}{" "}
      <select disabled={!hydrated} value={value ?? ""} onChange={(e) => onChange(e.target.value)}>
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.key ?? o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Options whose label is their value. */
export const plainOptions = (values: readonly string[]): FilterOption[] => values.map((v) => ({ value: v, label: v }));
