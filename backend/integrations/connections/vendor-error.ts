/**
 * The status and error code of a vendor's HTTP error, read from the shapes its SDK throws: gaxios
 * (Google: `{ status, response: { data: { error } } }`, where `error` is a code for the OAuth
 * endpoints and `{ code, message, status }` for the APIs).
 */
export interface VendorError {
  status: number;
  code: string;
  detail: string;
  headers: { get(name: string): string | null } | undefined;
}

interface GaxiosLike {
  status?: unknown;
  response?: { status?: unknown; data?: unknown; headers?: { get?: unknown } };
}

export function vendorErrorOf(error: unknown): VendorError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, response } = error as GaxiosLike;
  const code = typeof status === 'number' ? status : response?.status;
  if (typeof code !== 'number') return undefined;
  const data = (response?.data ?? {}) as {
    error?: string | { status?: string; message?: string };
    error_description?: string;
  };
  const headers =
    typeof response?.headers?.get === 'function' ? (response.headers as VendorError['headers']) : undefined;
  if (typeof data.error === 'string') {
    return { status: code, code: data.error, detail: data.error_description ?? '', headers };
  }
  return { status: code, code: data.error?.status ?? '', detail: data.error?.message ?? '', headers };
}
