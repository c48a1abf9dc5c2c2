import "server-only";
import path from "node:path";
import { getEnv } from "@/lib/config/env";

/** Screenshots of demo rehearsals live beside the store, under the data directory. */
export function rehearsalDir(): string {
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), getEnv().STAGEWATCH_DATA_DIR, "rehearsals");
}
