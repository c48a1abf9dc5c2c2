import { describe, expect, it } from "vitest";
import { malformedPath } from "./malformed";

describe("malformedPath", () => {
  it.each([
    "/share/%ff",
    "/api/share/%ff",
    "/api/probes/%E0%A4%A/history",
    "/api/tracker/phases/%",
    "/x/%zz",
    "/a/%00",
  ])("%s is refused", (p) => {
    expect(malformedPath(p)).not.toBeNull();
  });
  it.each(["/", "/share/abc.def", "/api/probes/db%20probe", "/api/share/%C3%A9"])("%s is fine", (p) => {
    expect(malformedPath(p)).toBeNull();
  });
});
