import { DataTable } from "@/components/ui/data-table";
import { StatusBadge } from "@/components/ui/status-badge";
import type { ConditionResult } from "@/lib/conditions/core/result";

const verdict = (c: ConditionResult) =>
  c.passed === null ? "unknown" : c.passed ? "pass" : c.soft ? "degraded" : "fail";
const verdictLabel = (c: ConditionResult) =>
  c.passed === null ? "not evaluated" : c.passed ? "pass" : c.soft ? "fail (slow: degraded)" : "fail";

/** Each condition of the last check with the value it was judged on. */
export function ConditionsTable({ conditions }: { conditions: ConditionResult[] }) {
  if (conditions.length === 0) return <p className="muted">No conditions were evaluated.</p>;
  return (
    <DataTable
      testId="conditions-table"
      caption="Conditions of the last check"
      columns={["Condition", "Result", "Evaluated value"]}
    >
      {conditions.map((c) => (
        <tr key={c.condition}>
          <th scope="row">
            <code>{c.condition}</code>
          </th>
          <td>
            <StatusBadge status={verdict(c)} label={verdictLabel(c)} />
          </td>
          <td>{c.value ?? <span className="muted">{c.error ?? "—"}</span>}</td>
        </tr>
      ))}
    </DataTable>
  );
}
