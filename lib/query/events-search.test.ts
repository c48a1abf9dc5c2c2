import { describe, expect, it } from "vitest";
import { eventFilters, eventsSearch } from "./events-search";

describe("eventsSearch", () => {
  it("is canonical whatever the URL's order, and drops empty filters and page 1", () => {
    const a = eventsSearch(new URLSearchParams("cause=exit-code&range=1h&service=&page=1"));
    const b = eventsSearch({ page: "1", range: "1h", cause: "exit-code" });
    expect(a).toBe("range=1h&cause=exit-code");
    expect(b).toBe(a);
  });
  it("keeps a later page and encodes values", () => {
    expect(eventsSearch({ service: "a b", page: "3" })).toBe("range=6h&service=a%20b&page=3");
  });
  it("treats a bad page as the first", () => {
    expect(eventFilters({ page: "x" }).page).toBe(1);
    expect(eventFilters({ page: "0" }).page).toBe(1);
  });
});
