/**
 * Seeded randomness for the model. Everything is a pure function of (seed, stream, indices)
 * so any minute, instance or attempt can be drawn on its own, in any order, with the same
 * result: the emulator reads history at random offsets and the burst model needs the same
 * draws for the same instance whatever happened to the others (common random numbers keep
 * comparisons between two configurations fair).
 */

/** mulberry32: a small, fast 32-bit generator; returns a function yielding numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes integers into one 32-bit hash (murmur3 finaliser per word). */
export function hashInts(...values: number[]): number {
  let h = 0x811c9dc5;
  for (const v of values) {
    // Split so numbers beyond 32 bits (epoch minutes times large factors) still mix in fully.
    const lo = v | 0;
    const hi = Math.floor(v / 4294967296) | 0;
    for (const word of [lo, hi]) {
      let k = Math.imul(word, 0xcc9e2d51);
      k = (k << 15) | (k >>> 17);
      k = Math.imul(k, 0x1b873593);
      h ^= k;
      h = (h << 13) | (h >>> 19);
      h = (Math.imul(h, 5) + 0xe6546b64) | 0;
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** One uniform number in [0, 1) for the given coordinates. */
export function uniform(...coordinates: number[]): number {
  return mulberry32(hashInts(...coordinates))();
}

/** A generator seeded from coordinates, for drawing several related numbers at once. */
export function streamFor(...coordinates: number[]): () => number {
  return mulberry32(hashInts(...coordinates));
}

/** Stable small integer for a string (service names, metric types) to use as a coordinate. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function between(u: number, min: number, max: number): number {
  return min + u * (max - min);
}

/** Standard normal from two uniforms (Box–Muller). */
export function normal(u1: number, u2: number): number {
  return Math.sqrt(-2 * Math.log(Math.max(u1, 1e-12))) * Math.cos(2 * Math.PI * u2);
}

/** Rounds x up or down at random so the expected value stays x. */
export function randomRound(x: number, u: number): number {
  const floor = Math.floor(x);
  return floor + (u < x - floor ? 1 : 0);
}
