import type { ProbeStatus } from "./types";

const FAILING: ReadonlySet<ProbeStatus> = new Set(["down", "missing"]);

export const isFailing = (s: ProbeStatus): boolean => FAILING.has(s);

/**
 * For each failing probe, the likely cause along its dependsOn chain (service → connector →
 * database): the deepest dependency that is failing too, reached only through failing links.
 * A probe whose dependencies are all fine (or unknown) has no suspected cause.
 */
export function suspectedCauses(
  status: ReadonlyMap<string, ProbeStatus>,
  dependsOn: ReadonlyMap<string, readonly string[]>,
): Map<string, string | null> {
  // Memoised only when no dependency was cut off by a cycle: such a result depends on the path.
  const memo = new Map<string, { name: string; depth: number } | null>();
  const deepest = (
    name: string,
    seen: Set<string>,
  ): { result: { name: string; depth: number } | null; cut: boolean } => {
    if (memo.has(name)) return { result: memo.get(name) ?? null, cut: false };
    let best: { name: string; depth: number } | null = null;
    let cut = false;
    for (const dep of dependsOn.get(name) ?? []) {
      if (!isFailing(status.get(dep) ?? "unknown")) continue;
      if (seen.has(dep)) {
        cut = true;
        continue;
      }
      const below = deepest(dep, new Set([...seen, dep]));
      cut ||= below.cut;
      const candidate = below.result
        ? { name: below.result.name, depth: below.result.depth + 1 }
        : { name: dep, depth: 1 };
      if (!best || candidate.depth > best.depth) best = candidate;
    }
    if (!cut) memo.set(name, best);
    return { result: best, cut };
  };
  const out = new Map<string, string | null>();
  for (const [name, s] of status)
    out.set(name, isFailing(s) ? (deepest(name, new Set([name])).result?.name ?? null) : null);
  return out;
}
