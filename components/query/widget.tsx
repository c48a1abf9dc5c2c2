"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { formatClock } from "@/lib/core/format";
import { Skeleton } from "@/components/ui/skeleton";
import { WidgetError } from "@/components/ui/widget-error";
import { WidgetBoundary } from "./widget-boundary";

type WidgetProps<T> = {
  query: UseQueryResult<T>;
  title: string;
  skeletonHeight?: number;
  placeholder?: React.ReactNode;
  children: (data: T, refreshFailed: boolean) => React.ReactNode;
};

/**
 * The three states of a widget: loading (its own skeleton, or the `placeholder` its page's
 * Suspense fallback shows, so a server prefetch that failed and left the loading to the
 * browser does not swap a full-size placeholder for a smaller one), failed with nothing to show
 * (its own error card; the rest of the page keeps working), or data — and when a refresh
 * failed after data was shown, the old data stays, marked stale, with the reason.
 */
export function Widget<T>(props: WidgetProps<T>) {
  return (
    <WidgetBoundary title={props.title} resetKey={props.query.dataUpdatedAt}>
      <WidgetBody {...props} />
    </WidgetBoundary>
  );
}

function WidgetBody<T>({ query, title, skeletonHeight, placeholder, children }: WidgetProps<T>) {
  if (query.data === undefined) {
    if (query.isError) return <WidgetError title={title} error={query.error} onRetry={() => void query.refetch()} />;
    return placeholder ?? <Skeleton label={title} height={skeletonHeight} />;
  }
  const refreshFailed = query.isError;
  return (
    <>
      {refreshFailed ? (
        <p role="alert" className="notice" data-testid="refresh-failed">
          {title}: the last refresh failed ({query.error instanceof Error ? query.error.message : "unknown error"}).
          Showing data as of {formatClock(new Date(query.dataUpdatedAt))}, marked stale.
        </p>
      ) : null}
      {children(query.data, refreshFailed)}
    </>
  );
}
