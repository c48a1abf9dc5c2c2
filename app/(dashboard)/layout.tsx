import { cookies } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { Providers } from "@/components/shell/providers";
import { LiveRefreshToggle, LiveStreamStatus } from "@/components/shell/live-refresh";
import { SidebarNav } from "@/components/shell/sidebar-nav";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { ThemeToggle, type Theme } from "@/components/shell/theme-toggle";
import { TimeRangePicker } from "@/components/shell/time-range-picker";
import { currentUser } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  // proxy.ts already redirects; this is the second lock on the door.
  if (!user) redirect("/login");
  const cookieTheme = (await cookies()).get("theme")?.value;
  const theme: Theme = cookieTheme === "light" || cookieTheme === "dark" ? cookieTheme : "system";
  return (
    <Providers>
      <a href="#content" className="skip-link">
        Skip to content
      </a>
      <div className="shell">
        <aside className="sidebar">
          <Link href="/" className="brand">
            Stagewatch
          </Link>
          <Suspense fallback={null}>
            <SidebarNav />
          </Suspense>
          {can(user.role, "notifications:manage") ? (
            <Link href="/notifications" className="nav-extra">
              Notifications
            </Link>
          ) : null}
          <div className="user-box">
            <span>
              Signed in as <strong data-testid="user-name">{user.username}</strong>
              <br />
              Role: <strong data-testid="user-role">{user.role}</strong>
            </span>
            <ThemeToggle initial={theme} />
            {user.via === "iap" ? (
              // Identity-Aware Proxy signs its users in on every request: only clearing IAP's own
              // login cookie (its documented sign-out URL) makes it ask Google again.
              <a className="btn" href="/_gcp_iap/clear_login_cookie">
                Sign out
              </a>
            ) : (
              <SignOutButton />
            )}
          </div>
        </aside>
        <div className="main">
          <div className="topbar">
            <Suspense fallback={null}>
              <TimeRangePicker />
            </Suspense>
            <LiveStreamStatus />
            <LiveRefreshToggle />
          </div>
          <main id="content">{children}</main>
        </div>
      </div>
    </Providers>
  );
}
