import type { Metadata } from "next";
import { NotBuilt } from "@/components/ui/not-built";

export const metadata: Metadata = { title: "Tracker" };

export default function Page() {
  return <NotBuilt title="Tracker" issue={7} what="the incident, its Five Whys, the phases with live success criteria and the audit trail" />;
}
