"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useChartChanges, type ChartChanges } from "@/components/changes/chart-changes";
import { Widget } from "@/components/query/widget";

/** What the charts of a range widget are drawn from. */
export type RangeChartsProps<T> = { data: T; refreshFailed: boolean; changes: ChartChanges };

/**
 * A widget of charts over the URL's range: the answer in its three states (see Widget), with the
 * changes made in the same range read beside it, so every chart can mark them.
 */
export function RangeWidget<T>({
  query,
  search,
  title,
  children,
}: {
  query: UseQueryResult<T>;
  search: string;
  title: string;
  children: (props: RangeChartsProps<T>) => ReactNode;
}) {
  const changes = useChartChanges(search);
  return (
    <Widget query={query} title={title} skeletonHeight={480}>
      {(data, refreshFailed) => children({ data, refreshFailed, changes })}
    </Widget>
  );
}

// The freshness rule lives in components/ui (the changes list uses it too, and components/changes is
// below this folder); the charts import it from here as before.
export { rangeFreshness } from "@/components/ui/range-freshness";
