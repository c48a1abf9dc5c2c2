import { z } from "zod";
import { digestModelSchema } from "@/lib/notifications/core/digest";

/**
 * What "send the digest now" answers (./service.ts `sendDigest`), as a zod schema whose output
 * is the type; the API contract documents it. Plain data, so the contract loads it without the store.
 */
export const sentDigestSchema = z.strictObject({
  week: z.string(),
  model: digestModelSchema,
  queued: z.array(z.string()).describe("Channels owed the digest by this call."),
  already: z.array(z.string()).describe("Channels that had it already (sent or on their way)."),
});
export type SentDigest = z.infer<typeof sentDigestSchema>;
