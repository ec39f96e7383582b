import { z } from 'zod';

/** The manifest's keyboard command (wxt.config.ts `commands`) that shows or hides the sidebar. */
export const toggleSidebarCommand = 'toggle-sidebar';

/**
 * "Show the sidebar if it is hidden, hide it if it is shown", sent by the background to a tab's content
 * script (for the keyboard command and the toolbar button) and by a sidebar page to the background (its
 * own "Hide" button), over runtime messaging: a host page can neither send nor read it.
 */
export const toggleSidebarMessage = z.object({ type: z.literal('cscx/toggle-sidebar') });
export type ToggleSidebarMessage = z.infer<typeof toggleSidebarMessage>;
export const toggleSidebar: ToggleSidebarMessage = { type: 'cscx/toggle-sidebar' };

/** The content script's answer: whether the sidebar is shown now. */
export const toggleSidebarAnswer = z.object({ shown: z.boolean() });
export type ToggleSidebarAnswer = z.infer<typeof toggleSidebarAnswer>;

export interface SidebarToggleRoutes {
  /** Delivers the message to the tab's top frame; rejects when no content script of ours is there. */
  sendToTab(tabId: number, message: ToggleSidebarMessage): Promise<unknown>;
  openSettings(): Promise<void>;
}

/**
 * Toggles the sidebar in one tab. A tab with no sidebar of ours to toggle (any other site, or Gmail,
 * whose own sidebar holds CSCX's panel) gets the settings page instead, where signing in is too, so
 * the toolbar button always does something.
 */
export async function toggleSidebarInTab(
  routes: SidebarToggleRoutes,
  tabId: number | undefined,
): Promise<void> {
  const answer = tabId === undefined ? null : await routes.sendToTab(tabId, toggleSidebar).catch(() => null);
  if (!toggleSidebarAnswer.safeParse(answer).success) await routes.openSettings();
}
