import "server-only";
import { getStore } from "@/lib/store/db";
import { readScreenshot } from "./evidence";
import { rehearsalDir } from "./paths";

export async function readStoredScreenshot(id: string, kind: string): Promise<Buffer | null> {
  return readScreenshot((await getStore()).db, rehearsalDir(), id, kind);
}
