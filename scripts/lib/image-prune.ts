/**
 * Which left-over images a build may delete. Every `buildah bud --layers` leaves its stages as
 * untagged images; unpruned they grew the cache by about 3 GB a build. The images this build
 * printed (`--> Using cache <id>`, `--> <id>`) are the layer cache the next build reuses, so
 * they stay; every other untagged image is an earlier build's and goes.
 */
export type DanglingImage = { id: string };

const STEP_ID = /^-->\s+(?:Using cache\s+)?([0-9a-f]{11,64})\b/;

export function imagesOfBuild(buildOutput: string): string[] {
  return buildOutput
    .split("\n")
    .map((line) => STEP_ID.exec(line.trim())?.[1])
    .filter((id): id is string => id !== undefined);
}

export function staleImages(dangling: readonly DanglingImage[], buildOutput: string): string[] {
  const kept = imagesOfBuild(buildOutput);
  // Ids are printed full (64 hex) or short (11 hex, as buildah prints a new step); one is a prefix of the other.
  const used = (id: string) => kept.some((k) => k.startsWith(id) || id.startsWith(k));
  return dangling.map((d) => d.id).filter((id) => !used(id));
}
