import { z } from "zod";

/** A name in the staging config (a service, a probe, a phase): lower-case letters, digits and dashes. */
export const slug = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, "must be lower-case letters, digits and dashes");
