import type { z } from "zod";

/**
 * Ties a response schema to the TypeScript type its handler returns, so the compiler fails
 * when one drifts from the other: `mirrors<ProbeSummary>()(z.object({...}))` compiles only
 * when every ProbeSummary is a valid output of the schema and every output is a ProbeSummary.
 */
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? unknown : never) : never;

export function mirrors<T>() {
  return <S extends z.ZodType>(schema: S & Mutual<z.output<S>, T>): S => schema;
}
