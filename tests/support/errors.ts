import { TRPCClientError } from '@trpc/client';
import { expect } from 'vitest';

export interface ErrorData {
  code: string;
  httpStatus: number;
  issues?: { path: PropertyKey[]; message: string }[];
}

/** The error a call failed with; fails the test if it did not fail. */
export async function errorOf(promise: Promise<unknown>): Promise<ErrorData & { message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the call should have failed').toBeInstanceOf(TRPCClientError);
  const clientError = error as TRPCClientError<never>;
  return { ...(clientError.data as unknown as ErrorData), message: clientError.message };
}
