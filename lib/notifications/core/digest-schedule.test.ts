import { describe, expect, it } from "vitest";
import { DIGEST_DEFAULT_SCHEDULE } from "@/lib/config/core/notifications-schema";
import { dueDigestWeek } from "./digest-schedule";

const at = (s: string) => Date.parse(s);

describe("when the digest is due", () => {
  it("Monday 09:00 London (GMT in December): due from 09:00 UTC for a day", () => {
    expect(dueDigestWeek(at("2026-12-07T08:59:59Z"), DIGEST_DEFAULT_SCHEDULE)).toBeNull();
    expect(dueDigestWeek(at("2026-12-07T09:00:00Z"), DIGEST_DEFAULT_SCHEDULE)?.id).toBe("2026-W49");
    expect(dueDigestWeek(at("2026-12-08T08:59:00Z"), DIGEST_DEFAULT_SCHEDULE)?.id).toBe("2026-W49");
    expect(dueDigestWeek(at("2026-12-08T09:00:01Z"), DIGEST_DEFAULT_SCHEDULE)).toBeNull();
  });

  it("in British summer time 09:00 London is 08:00 UTC", () => {
    expect(dueDigestWeek(at("2026-06-08T07:59:00Z"), DIGEST_DEFAULT_SCHEDULE)).toBeNull();
    expect(dueDigestWeek(at("2026-06-08T08:00:00Z"), DIGEST_DEFAULT_SCHEDULE)?.id).toBe("2026-W23");
  });

  it("a daily schedule owes the same last complete week every day (sent once: the ledger keys it)", () => {
    const daily = { cron: "0 6 * * *", timeZone: "UTC" };
    expect(dueDigestWeek(at("2026-12-08T07:00:00Z"), daily)?.id).toBe("2026-W49");
    expect(dueDigestWeek(at("2026-12-10T07:00:00Z"), daily)?.id).toBe("2026-W49");
  });
});
