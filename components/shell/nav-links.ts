export const NAV_LINKS = [
  { href: "/", label: "Overview" },
  { href: "/startups", label: "Start-ups" },
  { href: "/connector", label: "Connector" },
  { href: "/database", label: "Database" },
  { href: "/probes", label: "Probes" },
  { href: "/tracker", label: "Tracker" },
  { href: "/readiness", label: "Demo readiness" },
] as const;
