import { type AiErrorClass, AiProviderError, type AiProviderName, type Usage } from '../provider.ts';
import type { CallDeadline } from './call-deadline.ts';

/** The error class of a vendor's HTTP status: the same reading for every remote provider. */
export function errorClassOfStatus(status: number): AiErrorClass {
  if (status === 429) return 'rate_limited';
  // Anthropic's "overloaded_error".
  if (status === 529) return 'overloaded';
  if (status === 408 || status === 504) return 'timeout';
  // 402: the account cannot pay; like a bad key, another provider may still answer.
  if (status === 401 || status === 402 || status === 403) return 'auth';
  if (status >= 500) return 'unavailable';
  return 'bad_request';
}

const timeoutCodes = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']);

/** The `code`s along an error's `cause` chain (the SDK's error, then fetch's, then the socket's). */
function causeCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let link: unknown = error, depth = 0; link && depth < 5; depth++) {
    const code = (link as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    link = (link as { cause?: unknown }).cause;
  }
  return codes;
}

/** A failure below HTTP: refused, reset or unresolvable is `unavailable`; timed out connecting is `timeout`. */
export function connectionFailure(error: unknown): VendorFailure {
  const codes = causeCodes(error);
  const message = codes.length > 0 ? `connection failed (${codes.join(', ')})` : 'connection failed';
  return { errorClass: codes.some((code) => timeoutCodes.has(code)) ? 'timeout' : 'unavailable', message };
}

export interface VendorFailure {
  errorClass: AiErrorClass;
  message: string;
  status?: number | undefined;
}

/**
 * The one way a remote provider's failure becomes an `AiProviderError`: the caller's abort and our
 * own silence deadline win over whatever the SDK made of them (both reach it as an abort), and the
 * key never survives into the message, whatever the vendor or a proxy echoed. `usage`: what a
 * stream had counted when it broke off.
 */
export function providerError(
  provider: AiProviderName,
  apiKey: string,
  callerSignal: AbortSignal,
  deadline: CallDeadline,
  failure: () => VendorFailure,
  usage?: Usage,
): AiProviderError {
  if (callerSignal.aborted)
    return new AiProviderError(provider, 'aborted', 'the call was aborted', undefined, usage);
  if (deadline.timedOut())
    return new AiProviderError(provider, 'timeout', 'no answer in time', undefined, usage);
  const { errorClass, message, status } = failure();
  return new AiProviderError(provider, errorClass, withoutKey(message, apiKey), status, usage);
}

export function withoutKey(message: string, apiKey: string): string {
  const clean = apiKey.length > 0 ? message.split(apiKey).join('[key]') : message;
  return clean.length > 300 ? `${clean.slice(0, 300)}…` : clean;
}
