export const NAV_LINKS = [
  { href: "/", label: "Overview" },
  { href: "/startups", label: "Start-ups" },
  { href: "/connector", label: "Connector" },
  { href: "/what-if", label: "What-if" },
  { href: "/database", label: "Database" },
  { href: "/changes", label: "Changes" },
  { href: "/probes", label: "Probes" },
  { href: "/slo", label: "SLO" },
  { href: "/tracker", label: "Tracker" },
  { href: "/readiness", label: "Demo readiness" },
  { href: "/api-docs", label: "API" },
] as const;
