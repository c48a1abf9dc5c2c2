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

/**
 * The freshness rules of a ranged answer's figures: one may be two alignment steps old, and once
 * a refresh failed every figure shown is marked stale (it is the last answer, not a current one).
 */
export function rangeFreshness(range: { alignmentSeconds: number }, refreshFailed: boolean) {
  return {
    maxAge: 2 * range.alignmentSeconds,
    mark: <F extends { stale: boolean }>(f: F): F => (refreshFailed ? { ...f, stale: true } : f),
  };
}
