import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from '@anthropic-ai/sdk';
import type { AiErrorClass } from '../provider.ts';
import { connectionFailure, errorClassOfStatus, type VendorFailure } from './vendor-errors.ts';

/** The `error.type` of an `event: error` inside a stream, which carries no HTTP status. */
const classOfType: Record<string, AiErrorClass> = {
  rate_limit_error: 'rate_limited',
  overloaded_error: 'overloaded',
  api_error: 'unavailable',
  timeout_error: 'timeout',
  authentication_error: 'auth',
  permission_error: 'auth',
  billing_error: 'auth',
  invalid_request_error: 'bad_request',
  not_found_error: 'bad_request',
  request_too_large: 'bad_request',
};

export function anthropicFailure(error: unknown): VendorFailure {
  // The subclasses first: each of them is an APIError too.
  if (error instanceof APIConnectionTimeoutError)
    return { errorClass: 'timeout', message: 'connection timed out' };
  if (error instanceof APIUserAbortError)
    return { errorClass: 'aborted', message: 'the request was aborted' };
  if (error instanceof APIConnectionError) return connectionFailure(error);
  if (error instanceof APIError) {
    const what = `${error.type ?? 'error'}: ${error.apiMessage ?? 'no message'}`;
    if (error.status !== undefined) {
      return {
        errorClass: errorClassOfStatus(error.status),
        message: `HTTP ${error.status} ${what}`,
        status: error.status,
      };
    }
    return {
      errorClass: classOfType[error.type ?? ''] ?? 'unavailable',
      message: `error event in the stream, ${what}`,
    };
  }
  // A stream cut short, a body that was not JSON: the service is not answering properly.
  return { errorClass: 'unavailable', message: error instanceof Error ? error.message : String(error) };
}
