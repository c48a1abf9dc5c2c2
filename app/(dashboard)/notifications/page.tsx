import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { DigestPreview } from "@/components/notifications/digest-preview";
import { SendDigestButton } from "@/components/notifications/send-digest-button";
import { TestChannelButton } from "@/components/notifications/test-channel-button";
import { DataTable } from "@/components/ui/data-table";
import { Skeleton } from "@/components/ui/skeleton";
import { currentUser } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { getStagingConfig } from "@/lib/config/staging-config";
import { currentChannels } from "@/lib/notifications/current";
import { notificationsView } from "@/lib/notifications/view";
import { getStore } from "@/lib/store/db";
import { digestWeekFor } from "@/lib/digest/service";
import type { PageSearchParams } from "@/lib/server/page-metrics";

export const metadata: Metadata = { title: "Notifications" };
export const dynamic = "force-dynamic";

/** Admins only: where alerts go, by which rule, and what each receiver answered (decision 0024). */
export default async function NotificationsPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const user = await currentUser();
  // Others do not learn the page exists (the API answers them 403).
  if (!user || !can(user.role, "notifications:manage")) notFound();
  const config = getStagingConfig();
  const view = await notificationsView((await getStore()).db, config, currentChannels(config));
  const asked = (await searchParams).week;
  const week = digestWeekFor(typeof asked === "string" ? asked : undefined);
  const digest = config.notifications.digest;
  return (
    <>
      <h1>Notifications</h1>
      <p className="muted">
        Channels come from <code>notifications.channels</code> in the staging config; their secrets from NOTIFY_*
        variables, never shown here.
      </p>
      <h2>Channels</h2>
      {view.channels.length === 0 ? <p>No channels are configured.</p> : null}
      <ul className="plain-list">
        {view.channels.map((c) => (
          <li key={c.id} data-testid="channel">
            <strong>{c.name ?? c.id}</strong> ({c.kind}
            {c.legacy ? ", from readiness.webhooks" : ""}){c.destination ? ` → ${c.destination}` : ""}
            {c.duringMaintenance ? " · also during maintenance" : ""}
            <TestChannelButton channel={c.id} />
          </li>
        ))}
      </ul>
      <h2>Rules{view.defaultRules ? " (the defaults)" : ""}</h2>
      <DataTable columns={["Events", "Severities", "Channels", "On recovery", "Reminder"]}>
        {view.rules.map((r, i) => (
          <tr key={i}>
            <td>{r.events.join(", ")}</td>
            <td>{r.severities.join(", ")}</td>
            <td>{r.channels.join(", ")}</td>
            <td>{r.sendOnResolved ? "sent" : "not sent"}</td>
            <td>{r.remindEveryMinutes === null ? "off" : `every ${r.remindEveryMinutes} min`}</td>
          </tr>
        ))}
      </DataTable>
      <h2>Preview weekly digest</h2>
      <p className="muted">
        {digest
          ? `Sent to ${digest.channels.join(", ")} at "${digest.schedule.cron}" (${digest.schedule.timeZone}), once per week and channel.`
          : "The weekly digest is off: add notifications.digest to the staging config to send it."}{" "}
        Another week: <code>?week=2026-W49</code>.
      </p>
      {digest ? <SendDigestButton /> : null}
      {"status" in week ? (
        <p className="error-text" role="alert">
          {week.field}: {week.message}
        </p>
      ) : (
        <Suspense fallback={<Skeleton label="weekly digest" height={320} />}>
          <DigestPreview week={week} />
        </Suspense>
      )}
      <h2>Recent deliveries</h2>
      <DataTable
        testId="deliveries"
        columns={["Change", "Channel", "Status", "Attempts", "Delivered", "Answer or error"]}
      >
        {view.deliveries.map((d) => (
          <tr key={`${d.source} ${d.change} ${d.channel}`}>
            <td>{d.change}</td>
            <td>{d.channel}</td>
            <td>{d.status}</td>
            <td>{d.attempts}</td>
            <td>{d.deliveredAt ? `${d.deliveredAt.slice(0, 16).replace("T", " ")} UTC` : "—"}</td>
            <td>{d.answer ?? d.error ?? "—"}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
