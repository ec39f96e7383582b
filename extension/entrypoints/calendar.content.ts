import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountCalendar } from '../hosts/calendar/mount.ts';

export default defineContentScript({
  matches: ['https://calendar.google.com/*'],
  runAt: 'document_idle',
  main: (ctx) => mountCalendar(ctx),
});
