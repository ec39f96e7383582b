import { readFileSync } from 'node:fs';
import path from 'node:path';
import { callProcedure, resultData } from '../../process/support/cscx-process.ts';

/**
 * Signs in as the admin `cscx serve` created on a fresh data folder (its one-time password in
 * initial-admin.txt), sets a password of its own as the first sign-in must, and signs in again.
 */
export async function signInFirstAdmin(server: { url: string }, dataDir: string) {
  const credentials = readFileSync(path.join(dataDir, 'initial-admin.txt'), 'utf8');
  const email = /^email: (.+)$/m.exec(credentials)?.[1] ?? '';
  const oneTime = /^password: (.+)$/m.exec(credentials)?.[1] ?? '';
  const first = resultData<{ token: string }>(
    await callProcedure(server, 'auth.login', { email, password: oneTime }),
  );
  const password = 'browser-tests-password';
  resultData(
    await callProcedure(
      server,
      'auth.changePassword',
      { currentPassword: oneTime, newPassword: password },
      first.token,
    ),
  );
  const { token } = resultData<{ token: string }>(
    await callProcedure(server, 'auth.login', { email, password }),
  );
  return { email, password, token };
}
