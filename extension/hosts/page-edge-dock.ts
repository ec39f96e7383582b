import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { HostName, Preference } from '../lib/sidebar-preferences.ts';
import type { FramePlacement } from './sidebar-frame.ts';

/** The frame's width when shown; the page's own content gets the same room beside it. */
export const dockedWidth = 340;

/** The attribute the collapsed tab carries, so tests and styles can find it. */
export const collapsedTabAttribute = 'data-cscx-sidebar-tab';

export interface PageEdgeDock {
  /** Puts the frame at the right edge of the page and returns how to take it out. */
  place: FramePlacement;
  /** Shows the sidebar when hidden and hides it when shown. */
  toggle(): void;
  /** Shows it, whatever was remembered (the first toggle of a page whose frame did not exist yet). */
  expand(): void;
  shown(): boolean;
}

/**
 * The sidebar at the right edge of a page that has no sidebar of its own (Calendar, Zoom). Shown, it is
 * docked: the document element gets a right margin of the sidebar's width, so a page laid out in the
 * normal flow (Calendar's grid, Zoom's recording and meeting pages) narrows beside it instead of being
 * covered. Collapsed, only a slim tab on the page's edge is left, which shows it again. The choice is
 * remembered per host, and followed when another tab of that host changes it.
 */
export function dockAtPageEdge(
  ctx: Pick<ContentScriptContext, 'onInvalidated'>,
  host: HostName,
  collapsedPreference: Preference<boolean>,
): PageEdgeDock {
  // Null until the stored choice is read: the frame stays hidden meanwhile rather than flash open.
  let collapsed: boolean | null = null;
  let container: HTMLElement | null = null;
  let frame: HTMLIFrameElement | null = null;
  let tab: HTMLButtonElement | null = null;
  const page = document.documentElement;
  const pageMargin = page.style.getPropertyValue('margin-right');
  const pageMarginPriority = page.style.getPropertyPriority('margin-right');

  const restorePage = () => page.style.setProperty('margin-right', pageMargin, pageMarginPriority);
  const render = () => {
    if (!container || !frame || !tab) return;
    const shown = collapsed === false;
    container.style.display = collapsed === null ? 'none' : 'block';
    Object.assign(container.style, shown ? openPanel : collapsedPanel);
    frame.style.display = shown ? 'block' : 'none';
    tab.style.display = collapsed === true ? 'block' : 'none';
    container.setAttribute('data-cscx-state', shown ? 'open' : 'collapsed');
    if (shown) page.style.setProperty('margin-right', `${dockedWidth}px`, 'important');
    else restorePage();
  };
  const choose = (next: boolean) => {
    // Hidden from inside (its "Hide"), focus would fall to the page: it goes to the tab that reopens it.
    const focusWasInside = frame !== null && document.activeElement === frame;
    collapsed = next;
    render();
    if (next && focusWasInside) tab?.focus();
    void collapsedPreference.save(next).catch(() => undefined);
  };

  void collapsedPreference.load().then(
    (stored) => {
      if (collapsed === null) collapsed = stored;
      render();
    },
    () => {
      if (collapsed === null) collapsed = false;
      render();
    },
  );
  const stopFollowing = collapsedPreference.subscribe((stored) => {
    collapsed = stored;
    render();
  });
  ctx.onInvalidated(stopFollowing);

  return {
    place(placed) {
      frame = placed;
      tab = collapsedTab(() => {
        choose(false);
        placed.focus();
      });
      container = document.createElement('cscx-sidebar');
      container.setAttribute('data-cscx-host', host);
      Object.assign(container.style, { position: 'fixed', zIndex: '2147483000', display: 'none' });
      container.append(tab, frame);
      document.body.append(container);
      render();
      return () => {
        container?.remove();
        container = null;
        restorePage();
      };
    },
    toggle() {
      // Not shown (collapsed, or still hidden while the stored choice is read) → shown, and back.
      choose(collapsed === false);
    },
    expand() {
      choose(false);
    },
    shown: () => collapsed === false,
  };
}

const openPanel = {
  top: '0',
  right: '0',
  bottom: '0',
  width: `${dockedWidth}px`,
  height: 'auto',
  borderLeft: '1px solid rgba(128, 128, 128, 0.35)',
  boxShadow: '-2px 0 10px rgba(0, 0, 0, 0.12)',
};

// Midway down the right edge: below Calendar's add-on icons, above its "hide side panel" chevron.
const collapsedPanel = {
  top: '45%',
  right: '0',
  bottom: 'auto',
  width: 'auto',
  height: 'auto',
  borderLeft: '0',
  boxShadow: 'none',
};

/**
 * A button in the host page's own DOM, styled inline so the page's CSS does not restyle it (the
 * browser's focus ring is kept: no `all: initial`).
 */
function collapsedTab(onShow: () => void): HTMLButtonElement {
  const tab = document.createElement('button');
  tab.type = 'button';
  tab.textContent = 'CSCX';
  tab.title = 'Show the CSCX sidebar';
  tab.setAttribute('aria-label', 'Show the CSCX sidebar');
  tab.setAttribute('aria-expanded', 'false');
  tab.setAttribute(collapsedTabAttribute, '');
  Object.assign(tab.style, {
    display: 'none',
    boxSizing: 'border-box',
    margin: '0',
    border: '0',
    minWidth: '0',
    minHeight: '0',
    textTransform: 'none',
    cursor: 'pointer',
    writingMode: 'vertical-rl',
    padding: '12px 5px',
    borderRadius: '8px 0 0 8px',
    background: '#2f6fde',
    color: '#ffffff',
    font: '600 12px/1 system-ui, sans-serif',
    letterSpacing: '0.08em',
    boxShadow: '0 2px 8px rgba(0, 0, 0, 0.25)',
  });
  tab.addEventListener('click', onShow);
  return tab;
}
