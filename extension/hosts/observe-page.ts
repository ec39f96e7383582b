import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * Re-reads the page after each batch of DOM changes (one read per animation frame at most) and reports
 * the value when it differs from the last one — including null, when the page stops showing anything
 * (a popover closed, a navigation to no event), so the sidebar can clear. Calendar and Zoom re-use
 * containers and render late, so this observes rather than polls; it stops with the content script.
 */
export function observePage<T>(
  ctx: ContentScriptContext,
  read: () => T | null,
  onChange: (value: T | null) => void,
): void {
  // Nothing has been shown when the script starts, so a first null is not worth reporting.
  let last = JSON.stringify(null);
  let scheduled = false;
  const check = () => {
    scheduled = false;
    if (ctx.isInvalid) return;
    const value = read();
    const key = JSON.stringify(value);
    if (key === last) return;
    last = key;
    onChange(value);
  };
  const observer = new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    ctx.requestAnimationFrame(check);
  });
  observer.observe(document.documentElement, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: [
      'data-eventid',
      'data-email',
      'data-hovercard-id',
      'data-initial-value',
      'data-details',
      'data-text',
      'value',
      'hidden',
      'aria-hidden',
    ],
  });
  ctx.onInvalidated(() => observer.disconnect());
  check();
}
