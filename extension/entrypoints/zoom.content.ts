import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountZoom } from '../hosts/zoom/mount.ts';

export default defineContentScript({
  matches: ['https://zoom.us/*', 'https://*.zoom.us/*'],
  runAt: 'document_idle',
  main: (ctx) => mountZoom(ctx),
});
