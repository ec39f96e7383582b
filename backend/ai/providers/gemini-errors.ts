import { ApiError } from '@google/genai';
import { z } from 'zod';
import { connectionFailure, errorClassOfStatus, type VendorFailure } from './vendor-errors.ts';

/** Google's error body, which `ApiError.message` carries as JSON text (after a prefix, for a stream's chunk). */
const googleErrorBody = z.object({
  error: z.object({
    message: z.string().optional(),
    status: z.string().optional(),
    details: z.array(z.object({ reason: z.string().optional() }).loose()).optional(),
  }),
});

export function geminiFailure(error: unknown): VendorFailure {
  if (error instanceof ApiError) {
    const body = parseGoogleError(error.message);
    const status = body?.status ?? 'error';
    const message = `HTTP ${error.status} ${status}: ${body?.message ?? 'no message'}`;
    // A wrong key is a 400 INVALID_ARGUMENT with the reason API_KEY_INVALID, not a 401.
    if (body?.reasons.includes('API_KEY_INVALID'))
      return { errorClass: 'auth', message, status: error.status };
    return { errorClass: errorClassOfStatus(error.status), message, status: error.status };
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return { errorClass: 'aborted', message: 'the request was aborted' };
  }
  if (error instanceof TypeError && error.message === 'fetch failed') return connectionFailure(error);
  // A stream cut short ("terminated", an incomplete JSON segment), a body that was not JSON.
  return { errorClass: 'unavailable', message: error instanceof Error ? error.message : String(error) };
}

function parseGoogleError(
  text: string,
): { message?: string; status?: string; reasons: string[] } | undefined {
  const start = text.indexOf('{');
  if (start < 0) return undefined;
  try {
    const parsed = googleErrorBody.safeParse(JSON.parse(text.slice(start)));
    if (!parsed.success) return undefined;
    const { message, status, details } = parsed.data.error;
    return { message, status, reasons: (details ?? []).flatMap((d) => (d.reason ? [d.reason] : [])) };
  } catch {
    return undefined;
  }
}
