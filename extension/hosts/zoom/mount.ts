import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { observePage } from '../observe-page.ts';
import { mountSidebarFrame } from '../sidebar-frame.ts';
import { readZoomContext } from './read-context.ts';

/** Shows the meeting's customer; when the page navigates to no meeting, clears it. */
export function mountZoom(ctx: ContentScriptContext): void {
  const sidebar = mountSidebarFrame(ctx, 'zoom');
  const read = () => readZoomContext(document, new URL(location.href));
  observePage(ctx, read, (context) => (context ? sidebar.show(context) : sidebar.clear()));
}
