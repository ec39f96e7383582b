import type { FastifyReply, FastifyRequest } from 'fastify';
import { authorisationProblem, formServer, opaque, type PendingCode, s256 } from './oauth-wire.ts';

/**
 * A stand-in for Zoom as our `fetch` client calls it: `GET /oauth/authorize` (the consent page,
 * answered at once with the redirect back), `POST /oauth/token` (Basic client auth; the code with
 * its PKCE verifier, or a refresh token — which Zoom rotates: each works once), `POST /oauth/revoke`,
 * and under `/v2` the REST API: `GET /users/me`, `GET /meetings/{id}/recordings` (by meeting number
 * or instance UUID, double-encoded when Zoom says so) whose TRANSCRIPT file's `download_url` serves
 * the VTT to the same bearer, with the recording's `share_url` and each file's `play_url`;
 * `GET /users/me/recordings?from&to` (days, at most a month apart) newest first, paged with
 * `next_page_token`; `GET /past_meetings/{uuid}/participants`, paged so too. Errors as Zoom writes
 * them: `{ code, message }` (124 invalid token, 3301 no recording, 3001 no meeting, 4711 a scope the
 * app lacks), a 429 with `Retry-After`; the token endpoint's `{ reason, error }`.
 */
export interface FakeZoom {
  url: string;
  /** What to give CSCX_ZOOM_API_URL. */
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  webhookSecret: string;
  account: { id: string; accountId: string; email: string };
  requests: { method: string; path: string; authorization: string | undefined }[];
  /** A meeting's cloud recording with its transcript. */
  addRecording(recording: FakeRecording): void;
  /** The most meetings one page of `GET /users/me/recordings` holds (Zoom's own cap is 300). */
  listPageSize: number;
  /** The next request to a path starting with this gets a 429 with this Retry-After. */
  rateLimitNext(pathPrefix: string, retryAfterSeconds: number): void;
  /** Access tokens answer 124 from now on, as if they lapsed early. */
  expireAccessTokens(): void;
  /** From now on the app lacks this scope: the calls that need it answer 400, code 4711. */
  withdrawScope(scope: string): void;
  /** The most participants one page of `GET /past_meetings/{uuid}/participants` holds (Zoom's cap: 300). */
  participantPageSize: number;
  secrets(): string[];
  close(): Promise<void>;
}

export interface FakeRecording {
  uuid: string;
  /** The meeting number. */
  id: number;
  topic: string;
  startTime: string;
  vtt: string;
  /** The token of its `share_url` (`https://zoom.us/rec/share/<token>`); one is made up when absent. */
  shareToken?: string;
  /** The token of its video file's `play_url`; one is made up when absent. */
  playToken?: string;
  /** Who joined, as `GET /past_meetings/{uuid}/participants` lists them; nobody when absent. */
  participants?: { name: string; email?: string }[];
}

export async function startFakeZoom(): Promise<FakeZoom> {
  const clientId = 'fakeZoomClientId';
  const clientSecret = 'fake-zoom-client-secret';
  const app = formServer();
  const codes = new Map<string, PendingCode>();
  const accessTokens = new Map<string, 'live' | 'expired'>();
  const refreshTokens = new Set<string>();
  const recordings = new Map<string, FakeRecording>();
  const rateLimits = new Map<string, number>();
  const pageTokens = new Map<string, number>();
  const seen = new Set<string>([clientSecret]);
  const withdrawn = new Set<string>();
  const fake: FakeZoom = {
    url: '',
    apiUrl: '',
    clientId,
    clientSecret,
    webhookSecret: 'fake-zoom-webhook-secret-token',
    account: {
      id: 'KDcuGIm1QgePTO8WbOqwIQ',
      accountId: 'AbCdEfGhIjKlMnOpQrStUv',
      email: 'csm-team@cscx.example',
    },
    requests: [],
    listPageSize: 300,
    participantPageSize: 300,
    withdrawScope: (scope) => withdrawn.add(scope),
    addRecording: (r) => {
      recordings.set(r.uuid, r);
      recordings.set(String(r.id), r);
    },
    rateLimitNext: (prefix, seconds) => rateLimits.set(prefix, seconds),
    expireAccessTokens: () => {
      for (const token of accessTokens.keys()) accessTokens.set(token, 'expired');
    },
    secrets: () => [...seen],
    close: () => app.close(),
  };

  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    fake.requests.push({ method: request.method, path, authorization: request.headers.authorization });
    for (const [prefix, seconds] of rateLimits) {
      if (!path.startsWith(prefix)) continue;
      rateLimits.delete(prefix);
      return reply
        .code(429)
        .header('retry-after', String(seconds))
        .send({ code: 429, message: 'You have reached the maximum per-second rate limit for this API.' });
    }
  });

  app.get('/oauth/authorize', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const problem = authorisationProblem(query, clientId);
    if (problem || query.response_type !== 'code')
      return reply
        .code(400)
        .type('text/html')
        .send(`<p>${problem ?? 'response_type must be code'}</p>`);
    const code = opaque('fake-zoom-code-');
    seen.add(code);
    codes.set(code, {
      clientId,
      redirectUri: query.redirect_uri as string,
      challenge: query.code_challenge as string,
      method: 'S256',
      scopes: [],
    });
    const back = new URL(query.redirect_uri as string);
    back.searchParams.set('code', code);
    back.searchParams.set('state', query.state as string);
    return reply.redirect(back.toString(), 302);
  });

  const clientAuthorised = (request: FastifyRequest) =>
    request.headers.authorization ===
    `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
  const tokenError = (reply: FastifyReply, status: number, reason: string, error = 'invalid_request') =>
    reply.code(status).send({ reason, error });

  const issue = () => {
    const accessToken = opaque('eyJzdiI6ImZha2Utem9vbS');
    const refreshToken = opaque('eyJzdiI6InJlZnJlc2gt');
    for (const t of [accessToken, refreshToken]) seen.add(t);
    accessTokens.set(accessToken, 'live');
    refreshTokens.add(refreshToken);
    return {
      access_token: accessToken,
      token_type: 'bearer',
      refresh_token: refreshToken,
      expires_in: 3599,
      scope: [
        'cloud_recording:read:list_recording_files',
        'cloud_recording:read:list_user_recordings',
        'meeting:read:list_past_participants',
        'user:read:user',
      ]
        .filter((scope) => !withdrawn.has(scope))
        .join(' '),
    };
  };

  app.post('/oauth/token', async (request, reply) => {
    if (!clientAuthorised(request))
      return tokenError(reply, 401, 'Invalid client_id or client_secret', 'invalid_client');
    const form = request.body as Record<string, string>;
    if (form.grant_type === 'authorization_code') {
      const pending = form.code ? codes.get(form.code) : undefined;
      if (!pending) return tokenError(reply, 400, 'Invalid authorization code');
      codes.delete(form.code as string);
      if (pending.redirectUri !== form.redirect_uri) return tokenError(reply, 400, 'Redirect URI mismatch.');
      if (!form.code_verifier || s256(form.code_verifier) !== pending.challenge)
        return tokenError(reply, 400, 'Invalid code_verifier');
      return issue();
    }
    if (form.grant_type === 'refresh_token') {
      if (!form.refresh_token || !refreshTokens.delete(form.refresh_token))
        return tokenError(reply, 400, 'Invalid Token!');
      return issue();
    }
    return tokenError(reply, 400, 'Unsupported grant type', 'unsupported_grant_type');
  });

  app.post('/oauth/revoke', async (request, reply) => {
    if (!clientAuthorised(request))
      return tokenError(reply, 401, 'Invalid client_id or client_secret', 'invalid_client');
    const token = (request.body as Record<string, string>).token ?? '';
    if (!accessTokens.delete(token)) return tokenError(reply, 400, 'Invalid Token!');
    return { status: 'success' };
  });

  /** Zoom's 124 for a missing, unknown or lapsed bearer token. */
  const bearerRefused = (request: FastifyRequest, reply: FastifyReply) => {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (token && accessTokens.get(token) === 'live') return false;
    reply.code(401).send({ code: 124, message: 'Invalid access token.' });
    return true;
  };

  app.get('/v2/users/me', async (request, reply) => {
    if (bearerRefused(request, reply)) return reply;
    return { id: fake.account.id, account_id: fake.account.accountId, email: fake.account.email, type: 2 };
  });

  app.get('/v2/meetings/:meetingId/recordings', async (request, reply) => {
    if (bearerRefused(request, reply)) return reply;
    // Fastify decodes the path parameter once: a double-encoded UUID arrives encoded once more.
    const raw = (request.params as { meetingId: string }).meetingId;
    const recording = recordings.get(raw) ?? recordings.get(decodeURIComponent(raw));
    if (!recording) return reply.code(404).send({ code: 3301, message: 'This recording does not exist.' });
    return meetingRecordingsOf(recording);
  });

  /** A meeting's recording as both endpoints describe it. */
  const meetingRecordingsOf = (recording: FakeRecording) => {
    const playToken = recording.playToken ?? `Pl4y${recording.id}.mp4View`;
    return {
      uuid: recording.uuid,
      id: recording.id,
      account_id: fake.account.accountId,
      host_id: fake.account.id,
      topic: recording.topic,
      type: 2,
      start_time: recording.startTime,
      duration: 30,
      total_size: 52_428_800,
      recording_count: 2,
      share_url: `https://us06web.zoom.us/rec/share/${recording.shareToken ?? `Sh4re${recording.id}.Link`}`,
      recording_files: [
        {
          id: `${recording.id}-mp4`,
          meeting_id: recording.uuid,
          file_type: 'MP4',
          file_extension: 'MP4',
          download_url: `${fake.url}/rec/download/${recording.id}-mp4`,
          play_url: `https://us06web.zoom.us/rec/play/${playToken}`,
          status: 'completed',
          recording_type: 'shared_screen_with_speaker_view',
        },
        {
          id: `${recording.id}-transcript`,
          meeting_id: recording.uuid,
          file_type: 'TRANSCRIPT',
          file_extension: 'VTT',
          download_url: `${fake.url}/rec/download/${recording.id}-transcript`,
          status: 'completed',
          recording_type: 'audio_transcript',
        },
      ],
    };
  };

  app.get('/v2/users/me/recordings', async (request, reply) => {
    if (bearerRefused(request, reply)) return reply;
    const query = request.query as Record<string, string | undefined>;
    const day = /^\d{4}-\d{2}-\d{2}$/;
    const { from = '', to = '' } = query;
    const monthMs = 31 * 24 * 60 * 60 * 1000;
    if (!day.test(from) || !day.test(to) || from > to || Date.parse(to) - Date.parse(from) > monthMs)
      return reply.code(400).send({ code: 300, message: 'The date range must be within one month.' });
    const pageSize = Math.min(Number(query.page_size ?? 30) || 30, 300, fake.listPageSize);
    const offset = query.next_page_token ? pageTokens.get(query.next_page_token) : 0;
    if (offset === undefined)
      return reply.code(400).send({ code: 300, message: 'The next page token is invalid or expired.' });
    const inRange = [...new Set(recordings.values())]
      .filter((r) => r.startTime.slice(0, 10) >= from && r.startTime.slice(0, 10) <= to)
      .sort((a, b) => b.startTime.localeCompare(a.startTime));
    let nextPageToken = '';
    if (offset + pageSize < inRange.length) {
      nextPageToken = opaque('fakeZoomPage');
      pageTokens.set(nextPageToken, offset + pageSize);
    }
    return {
      from,
      to,
      page_count: Math.ceil(inRange.length / pageSize),
      page_size: pageSize,
      total_records: inRange.length,
      next_page_token: nextPageToken,
      meetings: inRange.slice(offset, offset + pageSize).map(meetingRecordingsOf),
    };
  });

  /** Zoom's past-meeting participants: one entry per join, paged like the other lists. */
  app.get('/v2/past_meetings/:meetingId/participants', async (request, reply) => {
    if (bearerRefused(request, reply)) return reply;
    const scope = 'meeting:read:list_past_participants';
    if (withdrawn.has(scope))
      return reply
        .code(400)
        .send({ code: 4711, message: `Invalid access token, does not contain scopes:[${scope}].` });
    const raw = (request.params as { meetingId: string }).meetingId;
    const recording = recordings.get(raw) ?? recordings.get(decodeURIComponent(raw));
    if (!recording) return reply.code(404).send({ code: 3001, message: `Meeting does not exist: ${raw}.` });
    const query = request.query as Record<string, string | undefined>;
    const pageSize = Math.min(Number(query.page_size ?? 30) || 30, 300, fake.participantPageSize);
    const offset = query.next_page_token ? pageTokens.get(query.next_page_token) : 0;
    if (offset === undefined)
      return reply.code(400).send({ code: 300, message: 'The next page token is invalid or expired.' });
    const everyone = (recording.participants ?? []).map((p, i) => ({
      id: `part${recording.id}${i}`,
      user_id: String(16778240 + i),
      name: p.name,
      user_email: p.email ?? '',
      join_time: recording.startTime,
      leave_time: recording.startTime,
      duration: 1800,
      failover: false,
      status: 'in_meeting',
    }));
    let nextPageToken = '';
    if (offset + pageSize < everyone.length) {
      nextPageToken = opaque('fakeZoomPage');
      pageTokens.set(nextPageToken, offset + pageSize);
    }
    return {
      page_count: Math.ceil(everyone.length / pageSize),
      page_size: pageSize,
      total_records: everyone.length,
      next_page_token: nextPageToken,
      participants: everyone.slice(offset, offset + pageSize),
    };
  });

  app.get('/rec/download/:fileId', async (request, reply) => {
    if (bearerRefused(request, reply)) return reply;
    const fileId = (request.params as { fileId: string }).fileId;
    const recording = [...recordings.values()].find((r) => `${r.id}-transcript` === fileId);
    if (!recording) return reply.code(404).send({ code: 3301, message: 'This recording does not exist.' });
    return reply.type('text/vtt').send(recording.vtt);
  });

  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  fake.url = address;
  fake.apiUrl = `${address}/v2`;
  return fake;
}
