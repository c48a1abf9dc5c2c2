import type { Metadata } from "next";
import { NotBuilt } from "@/components/ui/not-built";

export const metadata: Metadata = { title: "Database" };

export default function Page() {
  return <NotBuilt title="Database" issue={6} what="Cloud SQL up/down, connections against max_connections, CPU and memory" />;
}
