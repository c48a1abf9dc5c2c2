export function Skeleton({ label, height = 160 }: { label: string; height?: number }) {
  return (
    <div className="card" aria-busy="true">
      <span className="sr-only">Loading {label}…</span>
      <div className="skeleton" style={{ minHeight: height }} />
    </div>
  );
}
