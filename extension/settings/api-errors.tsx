import { classifyApiError, errorMessage } from '../sidebar/connection/api-error.ts';

/** The API refuses everything but `auth.changePassword` until a one-time password is replaced. */
export function mustChangePasswordFirst(error: unknown): boolean {
  return classifyApiError(error) === 'forbidden' && /change your password first/i.test(errorMessage(error));
}

export function describeApiError(error: unknown): string {
  const kind = classifyApiError(error);
  if (kind === 'unreachable') return 'The backend did not answer. Check that it is running, then try again.';
  if (kind === 'unauthorized') return 'Your session ended. Sign in again.';
  const message = errorMessage(error);
  return message.charAt(0).toUpperCase() + message.slice(1);
}

export function ErrorAlert({ error }: { error: unknown }) {
  return (
    <p role="alert" className="error">
      {describeApiError(error)}
    </p>
  );
}
