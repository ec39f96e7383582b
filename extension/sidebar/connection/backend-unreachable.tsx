import { Notice } from '../layout/notice.tsx';

export function BackendUnreachable({ backendUrl, onRetry }: { backendUrl: string; onRetry: () => void }) {
  return (
    <Notice title="Can't reach CSCX" tone="warning">
      <p>
        The backend at <code>{backendUrl}</code> did not answer. Check that it is running, then try again.
      </p>
      <button type="button" className="primary" onClick={onRetry}>
        Retry
      </button>
    </Notice>
  );
}
