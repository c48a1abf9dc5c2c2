import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/base/api-error";
import { parseSloParams } from "./params";

const SERVICES = ["backend", "auth"];
const parse = (qs: string) => parseSloParams(new URLSearchParams(qs), SERVICES);

function fieldOf(qs: string): string {
  try {
    parse(qs);
  } catch (err) {
    if (err instanceof ApiError) {
      expect(err.status).toBe(400);
      return err.message.split(":")[0] ?? "";
    }
    throw err;
  }
  throw new Error("expected a 400");
}

describe("GET /api/slo parameters", () => {
  it.each([
    ["", {}],
    ["service=", {}],
    ["service=all", { service: "all" }],
    ["service=auth", { service: "auth" }],
  ])("%j → %j", (qs, expected) => {
    expect(parse(qs)).toEqual(expected);
  });

  it.each([
    ["service=nosuch", "service"],
    ["service=analytics", "service"], // not deployed
    ["service=auth&service=backend", "service"],
    [`service=${"a".repeat(64)}`, "service"],
    ["servce=auth", "servce"],
    ["range=7d", "range"],
    ["service=%ZZ", "service"],
  ])("%s → 400 naming %s", (qs, field) => {
    expect(fieldOf(qs)).toBe(field);
  });
});
