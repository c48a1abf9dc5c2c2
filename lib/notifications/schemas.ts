import { z } from "zod";
import { parseWeek } from "@/lib/notifications/core/digest-week";

/** A channel's id in a path: what `notifications.channels[].id` allows, or an old webhook's `webhook-<hex>`. */
export const channelParamsSchema = z.object({
  channel: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, "must be a channel id (lower-case letters, digits, dashes)"),
});

/** `?week=YYYY-Www` of the weekly digest's preview; absent: the last complete week. */
export const digestQuerySchema = z.strictObject({
  week: z
    .string()
    .max(16, "must be an ISO week like 2026-W49")
    .superRefine((w, ctx) => {
      const parsed = parseWeek(w);
      if ("problem" in parsed) ctx.addIssue({ code: "custom", message: parsed.problem });
    })
    .optional(),
});
