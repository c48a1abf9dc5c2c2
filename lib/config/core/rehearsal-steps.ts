import { z } from "zod";

/**
 * A journey is data, never code: a list of declarative steps, each with its own timeout. The
 * runner maps each action onto one Playwright call, so no text from the config is evaluated.
 */

export const STEP_ACTIONS = [
  "goto",
  "fill",
  "click",
  "expectText",
  "expectVisible",
  "expectUrl",
  "waitForWebSocketMessage",
  "screenshot",
] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

/** Secrets for `fill` are named, never written in the config: REHEARSAL_* environment variables. */
export const SECRET_NAME = /^REHEARSAL_[A-Z0-9_]{1,60}$/;

const selector = z
  .string()
  .trim()
  .min(1, "must not be empty (a CSS or Playwright selector such as #password)")
  .max(300);
const base = {
  /** For people: "Sign in", "Dashboard shows a live value". */
  name: z.string().min(1).max(80).optional(),
  timeoutMs: z.int().min(100).max(120_000).default(10_000),
};

export const stepSchema = z.discriminatedUnion(
  "action",
  [
    z.strictObject({ ...base, action: z.literal("goto"), url: z.url({ protocol: /^https?$/ }) }),
    z
      .strictObject({
        ...base,
        action: z.literal("fill"),
        selector,
        value: z.string().max(1000).optional(),
        secret: z
          .string()
          .regex(SECRET_NAME, "must name a REHEARSAL_* environment variable, e.g. REHEARSAL_DEMO_PASSWORD")
          .optional(),
      })
      .refine((s) => (s.value === undefined) !== (s.secret === undefined), {
        message: "needs exactly one of value or secret",
        path: ["value"],
      }),
    z.strictObject({ ...base, action: z.literal("click"), selector }),
    z.strictObject({ ...base, action: z.literal("expectText"), selector, text: z.string().min(1).max(500) }),
    z.strictObject({ ...base, action: z.literal("expectVisible"), selector }),
    /** The page's path (and query) must start with `path`, e.g. "/dashboard". */
    z.strictObject({
      ...base,
      action: z.literal("expectUrl"),
      path: z.string().regex(/^\/[^\s]*$/, 'must be a path such as "/dashboard"'),
    }),
    z.strictObject({
      ...base,
      action: z.literal("waitForWebSocketMessage"),
      /** A received frame must contain this text, e.g. "\"type\":\"value\"". */
      contains: z.string().min(1).max(500),
      /** Only sockets whose URL contains this text count. */
      urlContains: z.string().min(1).max(300).optional(),
    }),
    z.strictObject({
      ...base,
      action: z.literal("screenshot"),
      label: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/, "must be lower-case letters, digits and dashes"),
    }),
  ],
  { error: () => `must be one of ${STEP_ACTIONS.join(", ")}` },
);

export type JourneyStep = z.infer<typeof stepSchema>;

/** How a step is shown in results and errors: its name, or the action and what it acts on. */
export function stepLabel(step: JourneyStep): string {
  if (step.name) return step.name;
  switch (step.action) {
    case "goto": {
      const u = new URL(step.url);
      return `goto ${u.pathname}`;
    }
    case "fill":
      return `fill ${step.selector}`;
    case "click":
    case "expectVisible":
      return `${step.action} ${step.selector}`;
    case "expectText":
      return `expectText ${step.selector} "${step.text}"`;
    case "expectUrl":
      return `expectUrl ${step.path}`;
    case "waitForWebSocketMessage":
      return `waitForWebSocketMessage "${step.contains}"`;
    case "screenshot":
      return `screenshot ${step.label}`;
  }
}
