import type { Metadata } from "next";
import { DataTable } from "@/components/ui/data-table";
import { apiCatalogue } from "@/lib/api/contract/catalogue";

export const metadata: Metadata = { title: "API" };

/** Every operation of the HTTP API, from the same registry that generates /api/openapi.json. */
export default function ApiDocsPage() {
  const groups = apiCatalogue();
  return (
    <>
      <h1>API</h1>
      <p className="muted">
        The machine-readable contract is <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1, generated from
        the zod schemas the routes validate with). Calls need a session cookie unless marked public; errors answer{" "}
        <code>{"{ error, message, issues? }"}</code>.
      </p>
      {groups.map((g) => (
        <section key={g.tag} className="card" aria-labelledby={`api-${g.tag}`} style={{ marginTop: "1rem" }}>
          <h2 id={`api-${g.tag}`}>{g.tag}</h2>
          <DataTable columns={["Method", "Path", "Permission", "What it does", "Own answers"]}>
            {g.operations.map((op) => (
              <tr key={`${op.method} ${op.path}`}>
                <td>
                  <code>{op.method}</code>
                </td>
                <td>
                  <code>{op.path}</code>
                </td>
                <td>{op.access}</td>
                <td>{op.summary}</td>
                <td>{op.statuses.join(", ")}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      ))}
    </>
  );
}
