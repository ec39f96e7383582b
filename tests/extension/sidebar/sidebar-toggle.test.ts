import { describe, expect, it } from 'vitest';
import { type ToggleSidebarMessage, toggleSidebarInTab } from '../../../extension/lib/sidebar-toggle.ts';

function routesTo(answer: (tabId: number) => Promise<unknown>) {
  const sent: { tabId: number; message: ToggleSidebarMessage }[] = [];
  let settingsOpened = 0;
  return {
    sent,
    settingsOpened: () => settingsOpened,
    routes: {
      sendToTab: (tabId: number, message: ToggleSidebarMessage) => {
        sent.push({ tabId, message });
        return answer(tabId);
      },
      openSettings: async () => {
        settingsOpened++;
      },
    },
  };
}

describe('the toolbar button and the keyboard command', () => {
  it('toggle the sidebar in the tab they were used in', async () => {
    const route = routesTo(async () => ({ shown: false }));
    await toggleSidebarInTab(route.routes, 42);
    expect(route.sent).toEqual([{ tabId: 42, message: { type: 'cscx/toggle-sidebar' } }]);
    expect(route.settingsOpened()).toBe(0);
  });

  it('open the settings page, where signing in is, in a tab with no sidebar of ours', async () => {
    const route = routesTo(() => Promise.reject(new Error('Receiving end does not exist.')));
    await toggleSidebarInTab(route.routes, 7);
    expect(route.settingsOpened()).toBe(1);
  });

  it('open the settings page when the tab answers with something other than a toggle', async () => {
    const route = routesTo(async () => undefined);
    await toggleSidebarInTab(route.routes, 7);
    expect(route.settingsOpened()).toBe(1);
  });

  it('open the settings page when there is no tab to toggle', async () => {
    const route = routesTo(async () => ({ shown: true }));
    await toggleSidebarInTab(route.routes, undefined);
    expect(route.sent).toEqual([]);
    expect(route.settingsOpened()).toBe(1);
  });
});
