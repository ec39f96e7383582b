import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extensionDir } from './support/paths.ts';

const hosts = [
  'https://mail.google.com/*',
  'https://calendar.google.com/*',
  'https://*.zoom.us/*',
  'https://zoom.us/*',
];

interface Manifest {
  manifest_version: number;
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  web_accessible_resources?: { resources: string[]; matches: string[] }[];
  content_security_policy?: unknown;
  externally_connectable?: unknown;
  key?: string;
}

/** The Chrome build the browser project's set-up made (the same command npm start runs). */
const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')) as Manifest;

describe('the Chrome manifest', () => {
  it('asks only for storage, scripting (InboxSDK injects its page-world script with it) and alarms (the approval badge’s poll)', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.permissions?.sort()).toEqual(['alarms', 'scripting', 'storage']);
  });

  it('reaches only the three hosts and the local backend; any other backend is asked for at sign-in', () => {
    expect(manifest.host_permissions?.sort()).toEqual(
      [...hosts, 'http://127.0.0.1/*', 'http://localhost/*'].sort(),
    );
    expect(manifest.optional_host_permissions?.sort()).toEqual(['http://*/*', 'https://*/*']);
  });

  it('exposes only the sidebar page, and only to the three hosts', () => {
    expect(manifest.web_accessible_resources).toEqual([{ resources: ['sidebar.html'], matches: hosts }]);
  });

  it('keeps the default extension CSP (no remote code) and lets no web page message it', () => {
    expect(manifest.content_security_policy).toBeUndefined();
    expect(manifest.externally_connectable).toBeUndefined();
  });

  it('carries a public key, so the unpacked id stays the same on every machine', () => {
    expect(manifest.key).toMatch(/^MII[A-Za-z0-9+/=]+$/);
  });
});
