import { createHmac, timingSafeEqual } from 'node:crypto';

/** Zoom's window: a request whose timestamp is further than this from our clock is a replay. */
export const zoomTimestampWindowMs = 5 * 60 * 1000;

const hmacHex = (secret: string, message: string) =>
  createHmac('sha256', secret).update(message).digest('hex');

/** `v0=` + HMAC-SHA256 of `v0:{x-zm-request-timestamp}:{raw body}` with the webhook's secret token. */
export function zoomSignature(secret: string, timestamp: string, rawBody: string): string {
  return `v0=${hmacHex(secret, `v0:${timestamp}:${rawBody}`)}`;
}

export type ZoomVerdict = 'ok' | 'forged' | 'stale';

/**
 * Whether a request is Zoom's: the signature over the exact bytes received, compared in constant
 * time, and a timestamp (seconds; milliseconds are taken too) inside the window either side of now.
 */
export function verifyZoomRequest(request: {
  secret: string;
  signature: string | undefined;
  timestamp: string | undefined;
  rawBody: string;
  now: Date;
}): ZoomVerdict {
  const { signature, timestamp } = request;
  if (!signature || !timestamp || !/^\d{1,16}$/.test(timestamp)) return 'forged';
  const expected = Buffer.from(zoomSignature(request.secret, timestamp, request.rawBody));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'forged';
  const value = Number(timestamp);
  const sentAt = value > 1e12 ? value : value * 1000;
  return Math.abs(request.now.getTime() - sentAt) <= zoomTimestampWindowMs ? 'ok' : 'stale';
}

/** The answer to `endpoint.url_validation`: the plain token and its HMAC-SHA256 (hex) with the secret. */
export function urlValidationAnswer(secret: string, plainToken: string) {
  return { plainToken, encryptedToken: hmacHex(secret, plainToken) };
}
