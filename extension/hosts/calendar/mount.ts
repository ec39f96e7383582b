import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { observePage } from '../observe-page.ts';
import { mountSidebarFrame } from '../sidebar-frame.ts';
import { readCalendarContext } from './read-context.ts';

/** Shows the open event's customer; when the popover closes or the page shows no event, clears it. */
export function mountCalendar(ctx: ContentScriptContext): void {
  const sidebar = mountSidebarFrame(ctx, 'calendar');
  const read = () =>
    readCalendarContext(document, {
      url: new URL(location.href),
      referenceYear: new Date().getFullYear(),
      browserZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
  observePage(ctx, read, (context) => (context ? sidebar.show(context) : sidebar.clear()));
}
