import { z } from "zod";
import { badRequest } from "@/lib/base/api-error";

/**
 * Query of GET /api/slo: `service` narrows the SLOs to "all" or one deployed service. Unknown
 * or repeated parameters are refused (a typo must not silently show everything).
 */
const ALLOWED = ["service"] as const;
// One schema for every request (zod compiles each new schema); the deployed-service check follows it.
const querySchema = z.object({ service: z.string().max(63, "too long").optional() });

export function parseSloParams(search: URLSearchParams, services: readonly string[]): { service?: string } {
  const keys = [...search.keys()];
  const raw: Record<string, string> = {};
  const issues: z.core.$ZodIssue[] = [];
  for (const k of keys) {
    if (!(ALLOWED as readonly string[]).includes(k))
      issues.push({
        code: "custom",
        path: [k],
        message: `unknown parameter; allowed: ${ALLOWED.join(", ")}`,
        input: k,
      });
    else if (search.getAll(k).length > 1)
      issues.push({ code: "custom", path: [k], message: "given more than once", input: k });
    else raw[k] = search.get(k) ?? "";
  }
  if (issues.length) throw badRequest(new z.ZodError(issues));
  const parsed = querySchema.safeParse(raw.service === "" ? {} : raw);
  if (!parsed.success) throw badRequest(parsed.error);
  const service = parsed.data.service;
  if (service !== undefined && service !== "all" && !services.includes(service)) {
    const message = `must be all or a deployed service (${services.join(", ")})`;
    throw badRequest(new z.ZodError([{ code: "custom", path: ["service"], message, input: service }]));
  }
  return parsed.data;
}
