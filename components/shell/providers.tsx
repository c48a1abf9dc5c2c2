"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { getQueryClient } from "@/lib/query/client";
import { LiveRefreshProvider } from "./live-refresh";

export function Providers({ children }: { children: React.ReactNode }) {
  const queryClient = getQueryClient();
  return (
    <QueryClientProvider client={queryClient}>
      <LiveRefreshProvider>{children}</LiveRefreshProvider>
    </QueryClientProvider>
  );
}
