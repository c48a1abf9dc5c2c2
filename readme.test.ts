import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The README is where people look for the Node they need; it must say what npm enforces.
describe("README", () => {
  it("states package.json's engines.node", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { engines: { node: string } };
    const readme = readFileSync("README.md", "utf8");
    expect(readme).toContain(`\`${pkg.engines.node}\``);
    expect(readme).not.toMatch(/Node 20\+/);
  });
});
