// Memory of a process and all its descendants, read from /proc: the server with the Chromium it
// starts for a rehearsal. RSS counts shared pages once per process (an upper bound); PSS shares
// them out, which is closer to what a memory limit charges.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

function children(): Map<number, number[]> {
  const byParent = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command name may hold spaces and parentheses: the fields start after the last ")".
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = byParent.get(ppid) ?? [];
      list.push(Number(name));
      byParent.set(ppid, list);
    } catch {
      // Gone between the listing and the read.
    }
  }
  return byParent;
}

export function descendants(pid: number): number[] {
  const byParent = children();
  const out: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift() as number;
    out.push(p);
    queue.push(...(byParent.get(p) ?? []));
  }
  return out;
}

function kb(file: string, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(file, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** In MiB; `executables` are the base names of the processes' executables. */
export type TreeMemory = { rssMb: number; pssMb: number; processes: number; executables: string[] };

export function treeMemory(pid: number): TreeMemory {
  const pids = descendants(pid);
  let rss = 0;
  let pss = 0;
  const exes = new Set<string>();
  for (const p of pids) {
    rss += kb(`/proc/${p}/status`, "VmRSS");
    pss += kb(`/proc/${p}/smaps_rollup`, "Pss");
    const exe = exeOf(p);
    if (exe) exes.add(exe.slice(exe.lastIndexOf("/") + 1));
  }
  return {
    rssMb: Math.round(rss / 1024),
    pssMb: Math.round(pss / 1024),
    processes: pids.length,
    executables: [...exes],
  };
}

/** Samples treeMemory every `everyMs` until stopped; returns the peaks. */
export function samplePeak(pid: number, everyMs = 100): { stop: () => TreeMemory } {
  const peak: TreeMemory = { rssMb: 0, pssMb: 0, processes: 0, executables: [] };
  const take = () => {
    const m = treeMemory(pid);
    peak.rssMb = Math.max(peak.rssMb, m.rssMb);
    peak.pssMb = Math.max(peak.pssMb, m.pssMb);
    peak.processes = Math.max(peak.processes, m.processes);
    peak.executables = [...new Set([...peak.executables, ...m.executables])];
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      take();
      return peak;
    },
  };
}

/** The process's user id (the first of real/effective/saved/fs), or null when it is gone. */
export function uidOf(pid: number): number | null {
  try {
    const m = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** The process's executable as the host sees it (inside a container: under its root folder). */
export function exeOf(pid: number): string {
  try {
    return readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return "";
  }
}

export function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    return "";
  }
}
