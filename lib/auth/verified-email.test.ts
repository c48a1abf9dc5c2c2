import { describe, expect, it } from "vitest";
import { roleOfVerifiedEmail, type EmailDirectory } from "./verified-email";

const dir = (o: Partial<EmailDirectory> = {}): EmailDirectory => ({
  roles: { "ada@example.com": "admin", "eng@example.com": "engineer" },
  defaultRole: "viewer",
  allowedDomains: [],
  ...o,
});

describe("roleOfVerifiedEmail", () => {
  it.each([
    ["a listed address gets its role", "ada@example.com", dir(), "admin"],
    ["case does not matter", "Ada@Example.COM", dir(), "admin"],
    ["an unlisted address gets the default role", "bob@example.com", dir(), "viewer"],
    ["the default role is configurable", "bob@example.com", dir({ defaultRole: "engineer" }), "engineer"],
    ['"none" lets only listed addresses in', "bob@example.com", dir({ defaultRole: "none" }), null],
    ['"none" still lets a listed address in', "eng@example.com", dir({ defaultRole: "none" }), "engineer"],
    ["an allowed domain passes", "bob@example.com", dir({ allowedDomains: ["example.com"] }), "viewer"],
    ["another domain is out, even when listed", "ada@example.com", dir({ allowedDomains: ["corp.test"] }), null],
    ["no domain at all is out", "nobody", dir(), null],
  ])("%s", (_name, email, d, want) => {
    expect(roleOfVerifiedEmail(email, d)).toBe(want);
  });
});
