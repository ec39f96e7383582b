import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { TokenKind } from '../../shared/enums.ts';

const tokenPrefixes: Record<TokenKind | 'invite', string> = {
  session: 'cscx_sess_',
  pat: 'cscx_pat_',
  invite: 'cscx_inv_',
};

export interface IssuedToken {
  token: string;
  hash: string;
  /** Shown in token lists: the kind prefix and the first four characters of the secret. */
  prefix: string;
}

export function issueToken(kind: TokenKind | 'invite'): IssuedToken {
  const token = tokenPrefixes[kind] + randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token), prefix: token.slice(0, tokenPrefixes[kind].length + 4) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Tokens we issue look like this; anything else is rejected before touching the database. */
export function looksLikeToken(value: string): boolean {
  return /^cscx_(sess|pat|inv)_[A-Za-z0-9_-]{43}$/.test(value);
}

const scryptParams = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 };

function scryptAsync(password: string, salt: Buffer, N: number, r: number, p: number, keyLength: number) {
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(password, salt, keyLength, { N, r, p, maxmem: 128 * N * r * 2 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const { N, r, p, keyLength } = scryptParams;
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, N, r, p, keyLength);
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scryptAsync(
    password,
    Buffer.from(salt, 'base64url'),
    Number(n),
    Number(r),
    Number(p),
    expected.length,
  );
  return timingSafeEqual(actual, expected);
}

/** Spends the same time as a real check, so an unknown address cannot be told from a wrong password. */
let dummyHash: Promise<string> | undefined;
export async function verifyNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('not-a-real-password');
  await verifyPassword(password, await dummyHash);
  return false;
}

export function emailHash(email: string): string {
  return createHash('sha256').update(`cscx-sign-in:${email}`).digest('hex');
}
