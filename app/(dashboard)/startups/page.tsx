import type { Metadata } from "next";
import { NotBuilt } from "@/components/ui/not-built";

export const metadata: Metadata = { title: "Start-ups" };

export default function Page() {
  return <NotBuilt title="Start-ups" issue={6} what="success rate per service against the 95% target, start-up latency, instances and the failure events with their log lines" />;
}
