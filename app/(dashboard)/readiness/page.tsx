import type { Metadata } from "next";
import { NotBuilt } from "@/components/ui/not-built";

export const metadata: Metadata = { title: "Demo readiness" };

export default function Page() {
  return <NotBuilt title="Demo readiness" issue={8} what="a GO / CAUTION / NO-GO verdict with its reasons and how fresh the evidence is" />;
}
