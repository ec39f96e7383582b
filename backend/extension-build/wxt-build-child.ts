/**
 * Child process of `cscx serve`: builds the Chrome extension with WXT's JS API, then the settings app's
 * web build that the server offers at /app, so their CPU and memory stay out of the server's event loop.
 * Both print their own progress; the parent relays it.
 *
 *   node bin/run-ts.js backend/extension-build/wxt-build-child.ts ROOT OUT_DIR
 */
import path from 'node:path';
import { build as viteBuild } from 'vite';
import { build } from 'wxt';

const [root, outDir] = process.argv.slice(2);
if (!root || !outDir) {
  process.stderr.write('usage: wxt-build-child.ts ROOT OUT_DIR\n');
  process.exit(2);
}
await build({ root, outDir, browser: 'chrome', manifestVersion: 3 });
await viteBuild({ configFile: path.join(root, 'vite.web-app.config.ts'), logLevel: 'warn' });
process.stdout.write('settings app for /app built\n');
