import { afterEach, describe, expect, it } from 'vitest';
import {
  collapsedTabAttribute,
  dockAtPageEdge,
  dockedWidth,
} from '../../../extension/hosts/page-edge-dock.ts';
import { memoryPreference } from '../../../extension/lib/sidebar-preferences.ts';

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  document.body.replaceChildren();
  document.documentElement.removeAttribute('style');
});

/** The dock on this page, as the content script makes it, with its stored choice already read. */
async function dockWith(collapsed: boolean) {
  const preference = memoryPreference(collapsed);
  const lifetime = {
    onInvalidated: (stop: () => void) => {
      stops.push(stop);
      return () => {};
    },
  };
  const dock = dockAtPageEdge(lifetime, 'calendar', preference);
  const frame = document.createElement('iframe');
  const remove = dock.place(frame, 'calendar');
  await Promise.resolve();
  await Promise.resolve();
  const container = document.querySelector('cscx-sidebar') as HTMLElement;
  const tab = document.querySelector(`[${collapsedTabAttribute}]`) as HTMLButtonElement;
  return { dock, preference, frame, container, tab, remove };
}

const pageMargin = () => document.documentElement.style.getPropertyValue('margin-right');

describe('the sidebar docked at the page’s edge', () => {
  it('takes its own room beside the page when shown, instead of covering its last columns', async () => {
    const { container, frame, tab } = await dockWith(false);
    expect(container.getAttribute('data-cscx-state')).toBe('open');
    expect(container.style.width).toBe(`${dockedWidth}px`);
    expect(frame.style.display).toBe('block');
    expect(tab.style.display).toBe('none');
    expect(pageMargin()).toBe(`${dockedWidth}px`);
  });

  it('collapses to a slim tab, giving the page all its width back, and remembers that', async () => {
    const { dock, preference, container, frame, tab } = await dockWith(false);
    dock.toggle();
    expect(dock.shown()).toBe(false);
    expect(container.getAttribute('data-cscx-state')).toBe('collapsed');
    expect(frame.style.display).toBe('none');
    expect(tab.style.display).toBe('block');
    expect(tab.getAttribute('aria-label')).toBe('Show the CSCX sidebar');
    expect(pageMargin()).toBe('');
    expect(preference.current).toBe(true);
  });

  it('hands focus to the tab when hidden from inside, and leaves the page’s focus alone otherwise', async () => {
    const { dock, frame, tab } = await dockWith(false);
    const search = document.body.appendChild(document.createElement('input'));
    search.focus();
    dock.toggle();
    expect(document.activeElement).toBe(search);
    dock.toggle();
    frame.focus();
    dock.toggle();
    expect(document.activeElement).toBe(tab);
  });

  it('starts collapsed where the CSM collapsed it before, and the tab brings it back', async () => {
    const { dock, preference, container, tab } = await dockWith(true);
    expect(container.getAttribute('data-cscx-state')).toBe('collapsed');
    tab.click();
    expect(dock.shown()).toBe(true);
    expect(container.getAttribute('data-cscx-state')).toBe('open');
    expect(preference.current).toBe(false);
  });

  it('follows a choice made in another tab of the same host', async () => {
    const { preference, container } = await dockWith(false);
    await preference.save(true);
    expect(container.getAttribute('data-cscx-state')).toBe('collapsed');
  });

  it('restores the page’s own margin when it is taken out', async () => {
    document.documentElement.style.setProperty('margin-right', '8px');
    const { remove } = await dockWith(false);
    expect(pageMargin()).toBe(`${dockedWidth}px`);
    remove();
    expect(pageMargin()).toBe('8px');
    expect(document.querySelector('cscx-sidebar')).toBeNull();
  });
});
