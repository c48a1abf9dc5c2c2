import "server-only";
import { z } from "zod";
import { getStagingConfig } from "@/lib/config/staging-config";
import { slug } from "@/lib/config/core/staging-schema";
import { rehearsalDetail } from "@/lib/rehearsal/detail";
import { getStore } from "@/lib/store/db";
import type { TimeRange } from "@/lib/core/time-range";
import { probeDetail } from "./detail";
import { probeHistory } from "@/lib/probes/store/history";
import { minuteHorizon, probeSummaries } from "@/lib/probes/store/queries";
import type { ProbeDetail, ProbeHistory, ProbesResponse } from "@/lib/probes/core/types";

/** The probe domain's inputs: one schema shared by the routes and the pages. */
export const probeNameSchema = z.object({ name: slug });

export async function probesResponse(now: number): Promise<ProbesResponse> {
  return { generatedAt: new Date(now).toISOString(), probes: await probeSummaries(now) };
}

export function configuredProbe(name: string) {
  return getStagingConfig().probes.find((p) => p.name === name) ?? null;
}

/** Detail of a configured probe, or null for a name the config does not list. */
export async function getProbeDetail(name: string, now: number): Promise<ProbeDetail | null> {
  const p = configuredProbe(name);
  if (!p) return null;
  const summary = (await probeSummaries(now)).find((s) => s.name === name);
  if (!summary) return null;
  const { db } = await getStore();
  const detail = await probeDetail(db, p, summary, now, minuteHorizon(now));
  return p.type === "browser" ? { ...detail, rehearsal: await rehearsalDetail(db, p) } : detail;
}

export async function getProbeHistory(name: string, range: TimeRange): Promise<ProbeHistory | null> {
  if (!configuredProbe(name)) return null;
  return probeHistory((await getStore()).db, name, range.from.getTime(), range.to.getTime());
}
