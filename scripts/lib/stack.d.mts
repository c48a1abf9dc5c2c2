import type { ChildProcess } from "node:child_process";

type Log = { write(chunk: string): unknown } | null;
type Running = { proc: ChildProcess & { pid: number }; stop: () => Promise<void> };

export const ROOT: string;
export function freePort(): Promise<number>;
export function waitForHttp(url: string, opts?: { timeoutMs?: number; proc?: ChildProcess }): Promise<void>;
export function startEmulator(opts?: {
  args?: string[];
  env?: Record<string, string>;
  log?: Log;
}): Promise<Running & { vars: Record<string, string> }>;
export function startNext(opts: {
  port: number;
  env?: Record<string, string>;
  log?: Log;
  host?: string;
  nodeArgs?: string[];
}): Promise<Running & { output: () => string }>;
export function prepareStandalone(distDir?: string): string;
