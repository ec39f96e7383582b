import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { observePage } from '../observe-page.ts';
import { mountSidebarFrame } from '../sidebar-frame.ts';
import { readCalendarContext } from './read-context.ts';

export function mountCalendar(ctx: ContentScriptContext): void {
  const sidebar = mountSidebarFrame(ctx, 'calendar');
  observePage(ctx, () => readCalendarContext(document, new Date().getFullYear()), sidebar.show);
}
