import { z } from 'zod';

/** Only what routing needs is checked: the rest of Zoom's payload is not read, nor kept. */
export const zoomWebhookEvent = z.discriminatedUnion('event', [
  z.object({
    event: z.literal('endpoint.url_validation'),
    payload: z.object({ plainToken: z.string().min(1).max(500) }),
  }),
  z.object({
    event: z.literal('recording.transcript_completed'),
    event_ts: z.number().optional(),
    payload: z.object({
      account_id: z.string().min(1).max(200),
      object: z.object({
        uuid: z.string().min(1).max(500),
        id: z.union([z.number(), z.string()]),
      }),
    }),
  }),
]);

export const otherZoomEvent = z.object({ event: z.string().max(200) });
