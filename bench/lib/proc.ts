import { readFileSync } from "node:fs";

/** CPU seconds (user + system) of a process so far, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  // utime and stime are fields 14 and 15 of stat; after "comm) " they are the 12th and 13th.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
