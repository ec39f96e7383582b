import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { observePage } from '../observe-page.ts';
import { mountSidebarFrame } from '../sidebar-frame.ts';
import { readZoomContext } from './read-context.ts';

export function mountZoom(ctx: ContentScriptContext): void {
  const sidebar = mountSidebarFrame(ctx, 'zoom');
  observePage(ctx, () => readZoomContext(document, new URL(location.href)), sidebar.show);
}
