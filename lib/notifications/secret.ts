import { getEnv } from "@/lib/config/env";

/** The Standard Webhooks secret, or undefined (webhooks then go out unsigned; the README says to set it). */
export function webhookSecret(): string | undefined {
  try {
    return getEnv().STAGEWATCH_WEBHOOK_SECRET;
  } catch {
    // Tests that deliver without a full environment: unsigned, as with no secret.
    return undefined;
  }
}
