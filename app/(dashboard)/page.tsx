import type { Metadata } from "next";
import { NotBuilt } from "@/components/ui/not-built";

export const metadata: Metadata = { title: "Overview" };

export default function OverviewPage() {
  return <NotBuilt title="Overview" issue={6} what="one verdict, the start-up success rate against the 95% target and phase progress" />;
}
