/**
 * Child process of `cscx serve`: builds the Chrome extension with WXT's JS API, so the build's CPU and
 * memory stay out of the server's event loop. WXT prints its own progress; the parent relays it.
 *
 *   node bin/run-ts.js backend/extension-build/wxt-build-child.ts ROOT OUT_DIR
 */
import { build } from 'wxt';

const [root, outDir] = process.argv.slice(2);
if (!root || !outDir) {
  process.stderr.write('usage: wxt-build-child.ts ROOT OUT_DIR\n');
  process.exit(2);
}
await build({ root, outDir, browser: 'chrome', manifestVersion: 3 });
