/**
 * Who is owed a recorded change once maintenance is in play (issue 26, decision 0025). During a
 * window routing itself holds every channel without `duringMaintenance` (./current.ts), and the
 * ledger's `announced` keeps the state those held channels last heard. After the window:
 * - the state changed and the held channels heard something else: everyone is owed it;
 * - the state changed back to what the held channels heard: only the `duringMaintenance` ones
 *   (they heard the change in the window);
 * - the state did not change but the held channels heard something else: only they are owed it,
 *   once (the catch-up announcement).
 */
export type Audience = "everyone" | "held-channels" | "maintenance-channels";

export function audienceOf(
  held: boolean,
  previous: string | null,
  announced: string | null,
  state: string,
): { audience: Audience; heard: string | null } {
  if (held || announced === previous) return { audience: "everyone", heard: previous };
  if (previous === state) return { audience: "held-channels", heard: announced };
  if (announced === state) return { audience: "maintenance-channels", heard: previous };
  return { audience: "everyone", heard: announced };
}
