/**
 * A journey's steps are pure (a zod schema and how a step is named), so they live in the core
 * (`lib/health/rehearsal/steps.ts`), where the browser probe type's config schema can reach them;
 * the rehearsal runner keeps importing them from here.
 */
export * from "@/lib/health/rehearsal/steps";
