import { z } from "zod";

/**
 * The JSON body of every error a route answers (lib/base/api-error.ts's toErrorResponse): a code,
 * a sentence, and for a 400 the fields at fault. Loose by design: an ApiError may carry
 * extra facts (retryAfterSeconds on a 429), spread next to the code.
 */
export const apiErrorSchema = z
  .object({
    error: z.string(),
    message: z.string(),
    issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    retryAfterSeconds: z.int().min(0).optional(),
  })
  .loose();

export type ApiErrorBody = z.infer<typeof apiErrorSchema>;
