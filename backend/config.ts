import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type AiProviderName, aiProviderNames } from '../shared/api/ai.ts';

/** Where package.json, wxt.config.ts and node_modules are, wherever the command is started from. */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const configSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  CSCX_DATA_DIR: z.string().default('./.data'),
  DATABASE_URL: z.string().url().optional(),
  /** Comma-separated web origins allowed by CORS (the extension reaches the API through host permissions). */
  CSCX_CORS_ORIGINS: z.string().default(''),
  /**
   * Behind a reverse proxy, which addresses to trust for `X-Forwarded-For` (Fastify's `trustProxy`):
   * `false` (default: the client is whoever connects), `true` (trust any proxy: only when nothing
   * else can reach the server), or comma-separated addresses / CIDRs of the proxies. Sign-in throttles and rate limits key on the client address this yields.
   */
  CSCX_TRUST_PROXY: z.string().default('false'),
  /** Requests per minute for one token (or one IP when unauthenticated). */
  CSCX_RATE_LIMIT: z.coerce.number().int().positive().default(600),
  /** The address users reach the server at, used in invitation links. */
  CSCX_PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `auto`: readable lines on a terminal, JSON otherwise. */
  CSCX_LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
  /** Sign-in and invitation attempts per minute from one address, before any password is hashed. */
  CSCX_SIGN_IN_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  /** `serve` builds the Chrome extension once it listens; `off` skips that (tests that only need the API). */
  CSCX_EXTENSION_BUILD: z.enum(['on', 'off']).default('on'),
  /** WXT's output folder for that build (the Chrome build lands in its `chrome-mv3`); default `.output`
   * in the package root, where `npm run build` puts it too. */
  CSCX_EXTENSION_OUT_DIR: z.string().optional(),
  /**
   * 32 bytes, base64 or hex: the key that encrypts secrets at rest (API keys, OAuth tokens). Required
   * with DATABASE_URL (every instance must share it); on the embedded database one is generated into
   * the data folder when unset.
   */
  CSCX_SECRET_KEY: z.string().optional(),
  /** The provider an org uses until an admin chooses; `auto`: the first with a key, else `local`. */
  CSCX_AI_PROVIDER: z.enum(['auto', ...aiProviderNames]).default('auto'),
  ANTHROPIC_API_KEY: z.string().optional(),
  GEMINI_API_KEY: z.string().optional(),
  /** Where the SDKs send requests (a proxy, or the tests' fake servers); default the vendors' own. */
  CSCX_ANTHROPIC_BASE_URL: z.string().url().optional(),
  CSCX_GEMINI_BASE_URL: z.string().url().optional(),
  CSCX_ANTHROPIC_MODEL: z.string().min(1).optional(),
  CSCX_GEMINI_MODEL: z.string().min(1).optional(),
  /** How long one model call may take (a stream: until its first chunk, then between chunks). */
  CSCX_AI_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** OAuth clients for the connections (README: "Connecting Google and Slack"); unset: not offered. */
  CSCX_GOOGLE_CLIENT_ID: z.string().optional(),
  CSCX_GOOGLE_CLIENT_SECRET: z.string().optional(),
  CSCX_SLACK_CLIENT_ID: z.string().optional(),
  CSCX_SLACK_CLIENT_SECRET: z.string().optional(),
  /** Where the Google and Slack clients send requests (the tests' fakes); default the vendors' own. */
  CSCX_GOOGLE_ACCOUNTS_URL: z.string().url().default('https://accounts.google.com'),
  CSCX_GOOGLE_OAUTH_URL: z.string().url().default('https://oauth2.googleapis.com'),
  CSCX_GOOGLE_API_URL: z.string().url().optional(),
  CSCX_SLACK_URL: z.string().url().default('https://slack.com'),
  /** The Zoom app (General app, user-managed) and its webhook's secret token; unset: Zoom is not offered. */
  CSCX_ZOOM_CLIENT_ID: z.string().optional(),
  CSCX_ZOOM_CLIENT_SECRET: z.string().optional(),
  CSCX_ZOOM_WEBHOOK_SECRET: z.string().optional(),
  /** Zoom's consent screen and token endpoint, and its REST API root (the tests' fake). */
  CSCX_ZOOM_URL: z.string().url().default('https://zoom.us'),
  CSCX_ZOOM_API_URL: z.string().url().default('https://api.zoom.us/v2'),
});

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  corsOrigins: string[];
  trustProxy: boolean | string[];
  rateLimitPerMinute: number;
  publicUrl: string;
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  logFormat: 'pretty' | 'json';
  signInRateLimitPerMinute: number;
  extensionBuild: { enabled: boolean; outDir: string };
  secretKey: string | undefined;
  ai: AiEnvironment;
  integrations: IntegrationsEnvironment;
}

export interface OAuthClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** The server's OAuth clients and where each vendor is reached. */
export interface IntegrationsEnvironment {
  google: {
    client: OAuthClientCredentials | undefined;
    /** The consent screen's origin, and the token and revoke endpoints' origin. */
    accountsUrl: string;
    oauthUrl: string;
    /** Gmail's and Calendar's root; undefined: each client's own default. */
    apiUrl: string | undefined;
  };
  slack: { client: OAuthClientCredentials | undefined; url: string };
  zoom: {
    client: OAuthClientCredentials | undefined;
    /** The secret token Zoom signs its webhooks with (x-zm-signature); unset: the webhook answers 503. */
    webhookSecret: string | undefined;
    /** `/oauth/authorize`, `/oauth/token`, `/oauth/revoke`. */
    url: string;
    apiUrl: string;
  };
}

/** What the server's environment says about models: each org's settings may override it. */
export interface AiEnvironment {
  provider: 'auto' | AiProviderName;
  keys: { anthropic: string | undefined; gemini: string | undefined };
  baseUrls: { anthropic: string | undefined; gemini: string | undefined };
  models: { anthropic: string | undefined; gemini: string | undefined };
  timeoutMs: number;
}

/** Validated once at start; nothing else reads `process.env`. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  onTerminal = process.stdout.isTTY === true,
): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir: path.resolve(e.CSCX_DATA_DIR),
    databaseUrl: e.DATABASE_URL || undefined,
    corsOrigins: e.CSCX_CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    trustProxy: parseTrustProxy(e.CSCX_TRUST_PROXY),
    rateLimitPerMinute: e.CSCX_RATE_LIMIT,
    publicUrl: e.CSCX_PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`,
    logLevel: e.LOG_LEVEL,
    logFormat: e.CSCX_LOG_FORMAT === 'auto' ? (onTerminal ? 'pretty' : 'json') : e.CSCX_LOG_FORMAT,
    signInRateLimitPerMinute: e.CSCX_SIGN_IN_RATE_LIMIT,
    extensionBuild: {
      enabled: e.CSCX_EXTENSION_BUILD === 'on',
      outDir: e.CSCX_EXTENSION_OUT_DIR
        ? path.resolve(e.CSCX_EXTENSION_OUT_DIR)
        : path.join(packageRoot, '.output'),
    },
    secretKey: e.CSCX_SECRET_KEY || undefined,
    ai: {
      provider: e.CSCX_AI_PROVIDER,
      keys: { anthropic: e.ANTHROPIC_API_KEY || undefined, gemini: e.GEMINI_API_KEY || undefined },
      baseUrls: { anthropic: e.CSCX_ANTHROPIC_BASE_URL, gemini: e.CSCX_GEMINI_BASE_URL },
      models: { anthropic: e.CSCX_ANTHROPIC_MODEL, gemini: e.CSCX_GEMINI_MODEL },
      timeoutMs: e.CSCX_AI_TIMEOUT_MS,
    },
    integrations: {
      google: {
        client: credentials(e.CSCX_GOOGLE_CLIENT_ID, e.CSCX_GOOGLE_CLIENT_SECRET),
        accountsUrl: withoutSlash(e.CSCX_GOOGLE_ACCOUNTS_URL),
        oauthUrl: withoutSlash(e.CSCX_GOOGLE_OAUTH_URL),
        apiUrl: e.CSCX_GOOGLE_API_URL ? withoutSlash(e.CSCX_GOOGLE_API_URL) : undefined,
      },
      slack: {
        client: credentials(e.CSCX_SLACK_CLIENT_ID, e.CSCX_SLACK_CLIENT_SECRET),
        url: withoutSlash(e.CSCX_SLACK_URL),
      },
      zoom: {
        client: credentials(e.CSCX_ZOOM_CLIENT_ID, e.CSCX_ZOOM_CLIENT_SECRET),
        webhookSecret: e.CSCX_ZOOM_WEBHOOK_SECRET || undefined,
        url: withoutSlash(e.CSCX_ZOOM_URL),
        apiUrl: withoutSlash(e.CSCX_ZOOM_API_URL),
      },
    },
  };
}

function credentials(clientId?: string, clientSecret?: string): OAuthClientCredentials | undefined {
  return clientId && clientSecret ? { clientId, clientSecret } : undefined;
}

const withoutSlash = (url: string) => url.replace(/\/+$/, '');

function parseTrustProxy(value: string): boolean | string[] {
  const text = value.trim().toLowerCase();
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  return text
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
}
