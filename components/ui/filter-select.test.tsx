import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FilterSelect, plainOptions } from "./filter-select";

const noop = () => {};

describe("FilterSelect", () => {
  it("is a labelled select, disabled in the server's HTML, with `all` (the empty value) first", () => {
    const html = renderToStaticMarkup(
      <FilterSelect label="Kind" value={undefined} options={plainOptions(["deploy", "config"])} onChange={noop} />,
    );
    expect(html).toBe(
      '<label>Kind <select disabled=""><option value="" selected="">all</option>' +
        '<option value="deploy">deploy</option><option value="config">config</option></select></label>',
    );
  });

  it("selects the URL's value and shows each option's own label and the given `all` label", () => {
    const html = renderToStaticMarkup(
      <FilterSelect
        label="Cause"
        value="timeout"
        allLabel="all (3)"
        options={[
          { value: "timeout", label: "Timed out (2)" },
          { value: "crash", label: "Crashed (1)" },
        ]}
        onChange={noop}
      />,
    );
    expect(html).toContain('<option value="">all (3)</option>');
    expect(html).toContain('<option value="timeout" selected="">Timed out (2)</option>');
    expect(html).toContain('<option value="crash">Crashed (1)</option>');
  });
});
