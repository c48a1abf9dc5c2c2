import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable } from "./data-table";

describe("DataTable", () => {
  it("heads each column in order with a column scope and keeps the caller's rows", () => {
    const html = renderToStaticMarkup(
      <DataTable columns={["Phase", "p50"]}>
        <tr>
          <th scope="row">dns</th>
          <td>4 ms</td>
        </tr>
      </DataTable>,
    );
    expect(html).toBe(
      '<table><thead><tr><th scope="col">Phase</th><th scope="col">p50</th></tr></thead>' +
        '<tbody><tr><th scope="row">dns</th><td>4 ms</td></tr></tbody></table>',
    );
  });

  it("names the table and gives it a screen-reader caption and test id only when asked", () => {
    const html = renderToStaticMarkup(
      <DataTable columns={["when"]} label="SLO alert history" caption="Every transition" testId="history">
        {null}
      </DataTable>,
    );
    expect(html).toContain('<table aria-label="SLO alert history" data-testid="history">');
    expect(html).toContain('<caption class="sr-only">Every transition</caption>');
  });
});
