import { describe, expect, it } from "vitest";
import { makeFigure, unknownFigure, type Figure } from "./figure";
import { overviewVerdict } from "./overview-verdict";

const now = Date.UTC(2025, 0, 1, 12);
const fresh = <T>(v: T | null): Figure<T> => makeFigure(v, now - 60_000, now, { maxAgeSeconds: 600 });
const old = <T>(v: T | null): Figure<T> => makeFigure(v, now - 3_600_000, now, { maxAgeSeconds: 600 });

const base = { databaseName: "staging-shared-postgres", windowLabel: "the last hour" };
const counts = (healthy: number, unhealthy: number) => ({ healthy, unhealthy });

describe("overviewVerdict", () => {
  it.each([
    ["healthy at target", fresh(0.96), counts(96, 4), fresh(true), "healthy", "Start-up success is 96.0% (96 of 100) in the last hour, and the database is up."],
    ["exactly 95% is healthy", fresh(0.95), counts(19, 1), fresh(true), "healthy", "Start-up success is 95.0% (19 of 20) in the last hour, and the database is up."],
    ["94.96% is degraded and not rounded up", fresh(0.9496), counts(9496, 504), fresh(true), "degraded", "Start-up success is 94.9% (9496 of 10000) in the last hour, below the 95% target."],
    ["50% is degraded", fresh(0.5), counts(1, 1), fresh(true), "degraded", "Start-up success is 50.0% (1 of 2) in the last hour, below the 95% target."],
    ["the incident: 0% is down", fresh(0), counts(0, 649), fresh(true), "down", "Start-up success is 0.0% (0 of 649) in the last hour, below 50%."],
    ["database down wins", fresh(1), counts(5, 0), fresh(false), "down", "Cloud SQL staging-shared-postgres is down."],
    ["database down wins even over stale start-ups", old(1), counts(5, 0), fresh(false), "down", "Cloud SQL staging-shared-postgres is down."],
    ["no start-ups is unknown, never 100%", fresh<number>(null), counts(0, 0), fresh(true), "unknown", "No start-ups were recorded in the last hour, so start-up success is unknown."],
    ["stale start-ups are unknown", old(1), counts(10, 0), fresh(true), "unknown", "Start-up data is stale (60 min old); the current state is unknown."],
    ["never-read start-ups are unknown", unknownFigure<number>(), counts(0, 0), fresh(true), "unknown", "No start-ups were recorded in the last hour, so start-up success is unknown."],
    ["missing database data is unknown", fresh(1), counts(10, 0), unknownFigure<boolean>(), "unknown", 'No recent "up" data for Cloud SQL staging-shared-postgres; the database state is unknown.'],
    ["stale database data is unknown", fresh(1), counts(10, 0), old(true), "unknown", "Cloud SQL staging-shared-postgres data is stale (60 min old); the database state is unknown."],
    ["a stale 'down' is not trusted either", fresh(1), counts(10, 0), old(false), "unknown", "Cloud SQL staging-shared-postgres data is stale (60 min old); the database state is unknown."],
  ])("%s", (_name, startupSuccess, startupCounts, databaseUp, status, reason) => {
    expect(overviewVerdict({ ...base, startupSuccess, startupCounts, databaseUp })).toEqual({ status, reason });
  });
});
