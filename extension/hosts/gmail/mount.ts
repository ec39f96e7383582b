import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { type FramePlacement, mountSidebarFrame, type SidebarFrame } from '../sidebar-frame.ts';
import type { GmailHost, OpenGmailView } from './gmail-host.ts';

/** The sidebar frame lives in a panel of Gmail's own right-hand sidebar. */
export function mountGmail(ctx: ContentScriptContext, host: GmailHost): void {
  feedGmailSidebar(ctx, host, mountSidebarFrame(ctx, 'gmail', inSidebarPanel(host)));
}

/** The parts of the content script's lifetime the feed needs. */
export type Lifetime = Pick<ContentScriptContext, 'isInvalid' | 'onInvalidated'>;

/**
 * Shows the thread or draft opened last that is still open: a compose window shows its recipients until
 * it closes, then the thread behind it returns; with neither open the sidebar says nothing is open.
 */
export function feedGmailSidebar(ctx: Lifetime, host: GmailHost, sidebar: SidebarFrame): void {
  const open: OpenGmailView[] = [];
  let shown: string | null = null;
  let reading = 0;

  const showLatest = async () => {
    const view = open.at(-1);
    const turn = ++reading;
    const context = view ? await view.read().catch(logReadFailure) : null;
    if (ctx.isInvalid || turn !== reading || (view && !context)) return;
    const key = context ? JSON.stringify(context) : null;
    if (key === shown) return;
    shown = key;
    if (context) sidebar.show(context);
    else sidebar.clear();
  };
  const track = (view: OpenGmailView) => {
    if (ctx.isInvalid) return;
    open.push(view);
    view.onChange(() => {
      if (open.at(-1) === view) void showLatest();
    });
    view.onClose(() => {
      const index = open.indexOf(view);
      if (index >= 0) open.splice(index, 1);
      void showLatest();
    });
    void showLatest();
  };

  const stopThreads = host.onThreadOpened(track);
  const stopComposes = host.onComposeOpened(track);
  ctx.onInvalidated(() => {
    stopThreads();
    stopComposes();
  });
}

/** Puts the frame into an InboxSDK content panel; taking it out removes the panel. */
export function inSidebarPanel(host: GmailHost): FramePlacement {
  return (frame, name) => {
    const el = document.createElement('div');
    el.setAttribute('data-cscx-host', name);
    Object.assign(el.style, { display: 'flex', height: '100%', minHeight: '480px' });
    el.append(frame);
    const panel = host.openSidebarPanel(el);
    return () => void panel.then((p) => p?.remove());
  };
}

function logReadFailure(error: unknown): null {
  console.warn('CSCX could not read the Gmail view', error);
  return null;
}
