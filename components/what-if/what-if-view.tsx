"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { WidgetError } from "@/components/ui/widget-error";
import { Skeleton } from "@/components/ui/skeleton";
import { FetchError } from "@/lib/query/fetch-json";
import { whatIfDefaultsQuery, whatIfQuery } from "@/lib/query/what-if-queries";
import type { AssumptionsUsed, WhatIfScenario } from "@/lib/what-if/core/types";
import { draftFrom, requestFrom, type Draft } from "./draft";
import { PredictionPanel } from "./prediction-panel";
import { RecommendationPanel } from "./recommendation-panel";
import { ScenarioForm } from "./scenario-form";

/**
 * The what-if: a form on one side, the model's answer on the other. Nothing is predicted
 * while typing; "Predict" sends the form, and the previous answer stays (marked updating)
 * until the new one arrives, so the page never flashes empty.
 */
export function WhatIfView({
  today,
  assumptions,
  search,
}: {
  today: WhatIfScenario;
  assumptions: AssumptionsUsed;
  search: string;
}) {
  const defaults = assumptions.defaults;
  const [draft, setDraft] = useState<Draft>(() => draftFrom(today, defaults));
  const [submitted, setSubmitted] = useState(() => requestFrom(draftFrom(today, defaults), defaults));
  const prediction = useQuery({ ...whatIfQuery(submitted), placeholderData: keepPreviousData });
  const observed = useQuery(whatIfDefaultsQuery(search));

  const run = (d: Draft) => {
    setDraft(d);
    setSubmitted(requestFrom(d, defaults));
  };
  const refused = prediction.error instanceof FetchError ? prediction.error : null;
  const fieldErrors = new Map((refused?.issues ?? []).map((i) => [i.field, i.message]));

  return (
    <div className="what-if-layout">
      <ScenarioForm
        draft={draft}
        onChange={setDraft}
        onSubmit={() => run(draft)}
        onReset={() => run(draftFrom(today, defaults))}
        fieldErrors={fieldErrors}
        busy={prediction.isFetching}
        observed={observed.data?.observed ?? null}
        observedError={observed.isError ? observed.error : null}
        assumptions={assumptions}
      />
      <section
        className="what-if-results"
        aria-labelledby="prediction-title"
        aria-live="polite"
        aria-busy={prediction.isFetching}
      >
        <h2 id="prediction-title" className="sr-only">
          Prediction
        </h2>
        {prediction.isError ? (
          refused && refused.status === 400 ? (
            <div role="alert" className="card" data-testid="what-if-refused">
              <h3>The model cannot run this request</h3>
              <p className="error-text">{refused.message}</p>
              <p className="muted">Nothing was predicted. Correct the field and press Predict again.</p>
            </div>
          ) : (
            <WidgetError title="Prediction" error={prediction.error} onRetry={() => void prediction.refetch()} />
          )
        ) : prediction.data ? (
          <>
            {prediction.isPlaceholderData ? (
              <p className="notice" role="status">
                Updating the prediction for your changes…
              </p>
            ) : null}
            <PredictionPanel data={prediction.data} stale={prediction.isPlaceholderData} />
            <RecommendationPanel data={prediction.data} today={today} onTry={(s) => run(draftFrom(s, defaults))} />
          </>
        ) : (
          <Skeleton label="prediction" height={420} />
        )}
      </section>
    </div>
  );
}
