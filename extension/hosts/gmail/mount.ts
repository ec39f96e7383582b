import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { type FramePlacement, mountSidebarFrame, type SidebarFrame } from '../sidebar-frame.ts';
import { type ComposeHook, draftInCompose } from './compose-drafting.ts';
import type { GmailHost, GmailSidebarPanel, OpenGmailView } from './gmail-host.ts';
import { badgeInboxRows } from './inbox-health.ts';
import { requestInboxHealth } from './inbox-health-request.ts';

/**
 * The sidebar frame lives in a panel of Gmail's own right-hand sidebar; each compose gets CSCX's button;
 * thread lists get customers' health badges.
 */
export function mountGmail(ctx: ContentScriptContext, host: GmailHost): void {
  const panel = sidebarPanel(host);
  const sidebar = mountSidebarFrame(ctx, 'gmail', panel.place);
  feedGmailSidebar(ctx, host, sidebar, draftInCompose(sidebar, panel.open));
  badgeInboxRows(ctx, host, requestInboxHealth);
}

/** The parts of the content script's lifetime the feed needs. */
export type Lifetime = Pick<ContentScriptContext, 'isInvalid' | 'onInvalidated'>;

/**
 * Shows the thread or draft opened last that is still open: a compose window shows its recipients until
 * it closes, then the thread behind it returns; with neither open the sidebar says nothing is open.
 */
export function feedGmailSidebar(
  ctx: Lifetime,
  host: GmailHost,
  sidebar: Pick<SidebarFrame, 'show' | 'clear'>,
  onCompose?: ComposeHook,
): void {
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
  /** The user turned to a view opened earlier (a button on an older compose): it is shown again. */
  const bringForward = (view: OpenGmailView) => {
    const index = open.indexOf(view);
    if (index < 0 || index === open.length - 1) return;
    open.splice(index, 1);
    open.push(view);
    void showLatest();
  };

  const stopThreads = host.onThreadOpened(track);
  const stopComposes = host.onComposeOpened((compose) => {
    track(compose);
    if (!ctx.isInvalid) onCompose?.(compose, () => bringForward(compose));
  });
  ctx.onInvalidated(() => {
    stopThreads();
    stopComposes();
  });
}

/** Puts the frame into an InboxSDK content panel, and opens that panel on demand; taking it out removes it. */
export function sidebarPanel(host: GmailHost): { place: FramePlacement; open: () => void } {
  let panel: Promise<GmailSidebarPanel | null> | null = null;
  return {
    place: (frame, name) => {
      const el = document.createElement('div');
      el.setAttribute('data-cscx-host', name);
      Object.assign(el.style, { display: 'flex', height: '100%', minHeight: '480px' });
      el.append(frame);
      const added = host.openSidebarPanel(el);
      panel = added;
      return () => void added.then((p) => p?.remove());
    },
    open: () => void panel?.then((p) => p?.open()),
  };
}

function logReadFailure(error: unknown): null {
  console.warn('CSCX could not read the Gmail view', error);
  return null;
}
