import type { ReactNode } from "react";

/**
 * A table whose head is one row of column names, the shape every list on the dashboard shares.
 * The rows stay the caller's (row headers, test ids, rows that open), so only the head and the
 * frame are written once; unset labels add no attribute, so the markup is what it was by hand.
 */
export function DataTable({
  columns,
  caption,
  label,
  testId,
  children,
}: {
  columns: readonly string[];
  /** For screen readers only: what the figures in the table are. */
  caption?: string;
  label?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <table aria-label={label} data-testid={testId}>
      {caption ? <caption className="sr-only">{caption}</caption> : null}
      <thead>
        <tr>
          {/* Keyed by place: the columns are fixed, and two may share a name (series labels). */}
          {columns.map((c, i) => (
            <th key={i} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
