import type { Metadata } from "next";
import { NotBuilt } from "@/components/ui/not-built";

export const metadata: Metadata = { title: "Probes" };

export default function Page() {
  return <NotBuilt title="Probes" issue={5} what="every configured endpoint with its status, phase timings, uptime and history" />;
}
