import type { Metadata } from "next";
import { NotBuilt } from "@/components/ui/not-built";

export const metadata: Metadata = { title: "Connector" };

export default function Page() {
  return <NotBuilt title="Connector" issue={6} what="VPC connector throughput against its ceiling, instances against min/max, CPU and headroom" />;
}
