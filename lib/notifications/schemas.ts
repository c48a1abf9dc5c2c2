import { z } from "zod";

/** A channel's id in a path: what `notifications.channels[].id` allows, or an old webhook's `webhook-<hex>`. */
export const channelParamsSchema = z.object({
  channel: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, "must be a channel id (lower-case letters, digits, dashes)"),
});
