import { readFileSync } from "node:fs";
import path from "node:path";

// One folder per build output, so parallel runs (each with its own STAGEWATCH_DIST_DIR) never share sessions.
export const AUTH_DIR = path.join(process.cwd(), ".auth", process.env.STAGEWATCH_DIST_DIR ?? ".next");
export const STATE_FILE = path.join(AUTH_DIR, "stack.json");
export const DEMO_PASSWORD = "e2e-demo-password-1";
export const DEMO_ROLES = { leader: "viewer", engineer: "engineer", sales: "viewer", admin: "admin" } as const;
export type DemoUser = keyof typeof DEMO_ROLES;

export type StackState = {
  baseURL: string;
  emulatorVars: Record<string, string>;
  emulatorArgs: string[];
  emulatorPid: number | null;
  nextPid: number;
  dataDir: string;
  nextEnv: Record<string, string>;
};

export function readStackState(): StackState {
  return JSON.parse(readFileSync(STATE_FILE, "utf8")) as StackState;
}

export function storageStateFor(user: DemoUser): string {
  return path.join(AUTH_DIR, `${user}.json`);
}
