/** Grey blocks in the shape of the card that is loading; announced once to screen readers. */
export function PanelSkeleton({ label = 'Loading' }: { label?: string }) {
  return (
    <div className="skeleton" role="status" aria-live="polite" aria-label={label}>
      <div className="skeleton-line wide" />
      <div className="skeleton-line" />
      <div className="skeleton-block" />
      <div className="skeleton-line" />
      <div className="skeleton-line short" />
    </div>
  );
}
