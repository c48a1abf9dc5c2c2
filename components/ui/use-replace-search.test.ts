import { describe, expect, it } from "vitest";
import { urlWith } from "./use-replace-search";

describe("urlWith", () => {
  it.each([
    ["sets a new param after the ones kept", "range=1h", { kind: "deploy" }, "", "/changes?range=1h&kind=deploy"],
    ["replaces a param in place", "kind=deploy&range=1h", { kind: "config" }, "", "/changes?kind=config&range=1h"],
    [
      "removes a param given null or empty",
      "kind=deploy&resource=db&range=1h",
      { kind: null, resource: "" },
      "",
      "/changes?range=1h",
    ],
    ["leaves no dangling ? when nothing is left", "kind=deploy", { kind: "" }, "", "/changes"],
    [
      "keeps the hash after the search",
      "page=3&service=a",
      { service: "b", page: null },
      "#events",
      "/changes?service=b#events",
    ],
    ["encodes values", "", { demoAt: "15:00 UTC" }, "", "/changes?demoAt=15%3A00+UTC"],
  ])("%s", (_name, current, patch, hash, url) => {
    expect(urlWith("/changes", current, patch, hash)).toBe(url);
  });
});
