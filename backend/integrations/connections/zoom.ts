import type { IntegrationsEnvironment } from '../../config.ts';
import { type Grant, type ProviderDescription, requireCredentials, type TokenSet } from './provider.ts';

/**
 * Granular scopes of a user-managed General app: the meeting's cloud recording files (the
 * transcript's download URL, and the download itself), the user's recent recordings (how a
 * recording page not imported yet is found), a past meeting's participants (their names and
 * addresses, whom the transcript's speakers are matched to) and who connected (the account id the
 * webhooks are routed by). Zoom takes the scopes from the app's configuration, not the URL.
 */
export const zoomScopes = [
  'cloud_recording:read:list_recording_files',
  'cloud_recording:read:list_user_recordings',
  'meeting:read:list_past_participants',
  'user:read:user',
] as const;

/** A refusal from Zoom: its HTTP status, Zoom's own code (124: invalid access token) and words. */
export class ZoomApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(`Zoom ${status}${code ? ` ${code}` : ''}: ${detail}`);
    this.name = 'ZoomApiError';
  }
}

export interface ZoomRecordingFile {
  id: string;
  file_type: string;
  file_extension?: string;
  download_url: string;
  /** `https://zoom.us/rec/play/<token>`: this file's page (CC and timeline files have none). */
  play_url?: string;
  status?: string;
}

export interface ZoomMeetingRecordings {
  uuid: string;
  id: number | string;
  account_id?: string;
  topic: string;
  start_time: string;
  /** `https://zoom.us/rec/share/<token>`: the recording's page for those it is shared with. */
  share_url?: string;
  recording_files: ZoomRecordingFile[];
}

/** Someone who joined a past meeting; `user_email` is empty for a guest Zoom knows no address of. */
export interface ZoomParticipant {
  id?: string;
  name: string;
  user_email?: string;
}

/** One page of `GET /past_meetings/{meetingUUID}/participants`; `next_page_token` is empty on the last. */
interface ZoomParticipantsPage {
  next_page_token?: string;
  participants: ZoomParticipant[];
}

/** A meeting's participant list is read this many pages of 300 at most. */
const maxParticipantPages = 10;

/** One page of `GET /users/{userId}/recordings`; `next_page_token` is empty on the last. */
export interface ZoomUserRecordingsPage {
  from?: string;
  to?: string;
  next_page_token?: string;
  meetings: ZoomMeetingRecordings[];
}

async function zoomErrorOf(response: Response): Promise<ZoomApiError> {
  const text = await response.text().catch(() => '');
  let body: { code?: unknown; message?: unknown; error?: unknown; reason?: unknown } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  return new ZoomApiError(
    response.status,
    String(body.code ?? body.error ?? ''),
    String(body.message ?? body.reason ?? response.statusText).slice(0, 300),
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
}

/**
 * A meeting instance's UUID goes into a path encoded once, or twice when it starts with "/" or
 * holds "//" (Zoom's rule for GET /meetings/{meetingId}/recordings); a meeting number as it is.
 */
export function meetingPathId(meetingIdOrUuid: string): string {
  const once = encodeURIComponent(meetingIdOrUuid);
  return meetingIdOrUuid.startsWith('/') || meetingIdOrUuid.includes('//') ? encodeURIComponent(once) : once;
}

/** Zoom's REST API over `fetch`, signed in with one access token. No retries: the job's backoff has them. */
export class ZoomClient {
  constructor(
    private readonly apiUrl: string,
    private readonly accessToken: string,
  ) {}

  private async get(url: string): Promise<Response> {
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${this.accessToken}`, accept: 'application/json' },
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) throw await zoomErrorOf(response);
    return response;
  }

  async me(): Promise<{ id: string; account_id: string; email: string }> {
    return (await this.get(`${this.apiUrl}/users/me`)).json() as Promise<{
      id: string;
      account_id: string;
      email: string;
    }>;
  }

  /** The recording of a meeting (its number: the latest instance; its UUID: that instance). */
  async meetingRecordings(meetingIdOrUuid: string): Promise<ZoomMeetingRecordings> {
    const url = `${this.apiUrl}/meetings/${meetingPathId(meetingIdOrUuid)}/recordings`;
    return (await this.get(url)).json() as Promise<ZoomMeetingRecordings>;
  }

  /**
   * One page of the connected user's cloud recordings that started between two days (UTC,
   * `yyyy-mm-dd`, at most a month apart); the next page with the token the last one gave.
   */
  async userRecordings(range: {
    from: string;
    to: string;
    nextPageToken?: string;
  }): Promise<ZoomUserRecordingsPage> {
    const query = new URLSearchParams({ from: range.from, to: range.to, page_size: '300' });
    if (range.nextPageToken) query.set('next_page_token', range.nextPageToken);
    return (
      await this.get(`${this.apiUrl}/users/me/recordings?${query}`)
    ).json() as Promise<ZoomUserRecordingsPage>;
  }

  /**
   * Everyone who joined a past meeting instance (by its UUID, encoded as for its recordings), every
   * page followed; one who joined twice is listed twice, as Zoom lists them.
   */
  async pastMeetingParticipants(meetingUuid: string): Promise<ZoomParticipant[]> {
    const participants: ZoomParticipant[] = [];
    let pageToken = '';
    for (let page = 0; page < maxParticipantPages; page++) {
      const query = new URLSearchParams({ page_size: '300' });
      if (pageToken) query.set('next_page_token', pageToken);
      const url = `${this.apiUrl}/past_meetings/${meetingPathId(meetingUuid)}/participants?${query}`;
      const answer = (await (await this.get(url)).json()) as ZoomParticipantsPage;
      participants.push(...(answer.participants ?? []));
      pageToken = answer.next_page_token ?? '';
      if (!pageToken) break;
    }
    return participants;
  }

  /** A recording file's content; the download URL takes the same bearer token and redirects. */
  async downloadText(downloadUrl: string): Promise<string> {
    return (await this.get(downloadUrl)).text();
  }
}

async function tokenRequest(env: IntegrationsEnvironment, form: Record<string, string>) {
  const { clientId, clientSecret } = requireCredentials(zoomProvider, env);
  const response = await fetch(`${env.zoom.url}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(form).toString(),
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw await zoomErrorOf(response);
  return (await response.json()) as {
    access_token?: string;
    refresh_token?: string;
    expires_in?: number;
    scope?: string;
  };
}

function tokenSetOf(answer: Awaited<ReturnType<typeof tokenRequest>>, previous?: TokenSet): TokenSet {
  if (!answer.access_token) throw new Error('Zoom answered without an access token');
  // Zoom rotates refresh tokens: the one just used no longer works.
  const refreshToken = answer.refresh_token ?? previous?.refreshToken;
  return {
    accessToken: answer.access_token,
    ...(refreshToken ? { refreshToken } : {}),
    expiresAt: answer.expires_in ? new Date(Date.now() + answer.expires_in * 1000) : null,
    scopes: answer.scope ? answer.scope.split(/[\s,]+/).filter(Boolean) : (previous?.scopes ?? []),
  };
}

export const zoomProvider: ProviderDescription<ZoomClient> = {
  name: 'zoom',
  label: 'Zoom',
  owner: 'org',
  scopes: zoomScopes,
  credentials: (env) => env.zoom.client,
  authorizationUrl(env, { state, codeChallenge, redirectUri }) {
    const { clientId } = requireCredentials(zoomProvider, env);
    const url = new URL(`${env.zoom.url}/oauth/authorize`);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirectUri,
      state,
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
    }).toString();
    return url.toString();
  },
  async exchange(env, { code, codeVerifier, redirectUri }): Promise<Grant> {
    const tokens = tokenSetOf(
      await tokenRequest(env, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        code_verifier: codeVerifier,
      }),
    );
    const me = await new ZoomClient(env.zoom.apiUrl, tokens.accessToken).me();
    return { ...tokens, account: me.email || `Zoom account ${me.account_id}`, externalId: me.account_id };
  },
  async refresh(env, tokens) {
    if (!tokens.refreshToken) throw new Error('Zoom gave no refresh token: connect again');
    return tokenSetOf(
      await tokenRequest(env, { grant_type: 'refresh_token', refresh_token: tokens.refreshToken }),
      tokens,
    );
  },
  async revoke(env, tokens) {
    const { clientId, clientSecret } = requireCredentials(zoomProvider, env);
    const response = await fetch(`${env.zoom.url}/oauth/revoke`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ token: tokens.accessToken }).toString(),
      signal: AbortSignal.timeout(30_000),
    });
    if (response.ok) return 'revoked';
    const error = await zoomErrorOf(response);
    if (error.status === 400 || error.status === 401) return 'already_invalid';
    throw error;
  },
  client: (env, accessToken) => new ZoomClient(env.zoom.apiUrl, accessToken),
  isUnauthorized: (error) => error instanceof ZoomApiError && error.status === 401,
  describeError(error) {
    if (error instanceof ZoomApiError)
      return error.status === 429
        ? `Zoom: rate limited, retry after ${error.retryAfterSeconds ?? '?'} s`
        : error.message;
    return error instanceof Error ? error.message : String(error);
  },
};
