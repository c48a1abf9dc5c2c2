/**
 * "SLOs as code": the same SLOs as an OpenSLO v1 file, for tools that keep SLOs in the open
 * format (Nobl9, Sloth, OpenSLO's oslo). A plain link: the browser saves the attachment.
 */
export function OpenSloPanel() {
  return (
    <section className="card" aria-labelledby="slo-openslo-title" data-testid="slo-openslo">
      <div className="card-head">
        <h2 id="slo-openslo-title">OpenSLO</h2>
      </div>
      <p className="muted">
        Every SLO as <code>openslo/v1</code> YAML: Service, SLI (the Cloud Monitoring filters above), SLO and the
        burn-rate alert policies. <code>npm run import:openslo</code> reads such a file back.
      </p>
      <a className="btn" href="/api/slo/openslo" download>
        Download OpenSLO YAML
      </a>
    </section>
  );
}
