import { z } from "zod";
import { badRequest } from "@/lib/api/errors";

/**
 * Query of GET /api/slo: `service` narrows the SLOs to "all" or one deployed service. Unknown
 * or repeated parameters are refused (a typo must not silently show everything).
 */
const ALLOWED = ["service"] as const;

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
  const schema = z.object({
    service: z
      .string()
      .max(63, "too long")
      .refine((s) => s === "all" || services.includes(s), {
        message: `must be all or a deployed service (${services.join(", ")})`,
      })
      .optional(),
  });
  const parsed = schema.safeParse(raw.service === "" ? {} : raw);
  if (!parsed.success) throw badRequest(parsed.error);
  return parsed.data;
}
