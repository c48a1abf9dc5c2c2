import { z } from "zod";

/** The screenshot route's path: a run id of our own shape and a screenshot kind (no path can be smuggled). */
export const screenshotParamsSchema = z.object({
  id: z.uuid("must be a rehearsal run id"),
  kind: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/, "must be a screenshot kind such as end or failure"),
});

export const screenshotUrl = (id: string, kind: string): string => `/api/rehearsals/${id}/screenshots/${kind}`;
