import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** Debian's Chromium binary itself (the /usr/bin wrapper adds flags from /etc/chromium.d). */
export const chromiumPath = '/usr/lib/chromium/chromium';
export const extensionDir = path.join(repositoryRoot, '.output', 'chrome-mv3');
export const fixturesDir = path.join(repositoryRoot, 'tests', 'fixtures');
/** Git-ignored: screenshots of each host's sidebar, kept as test artifacts. */
export const screenshotsDir = path.join(repositoryRoot, 'test-results', 'browser');
