import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * The settings app for browsers without the extension, served by the backend at `/app` under a strict
 * CSP: external scripts and styles only, no inline code, no module-preload polyfill (it would be inline).
 */
export default defineConfig({
  root: path.join(root, 'extension/web-app'),
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: path.join(root, '.output/web-app'),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
