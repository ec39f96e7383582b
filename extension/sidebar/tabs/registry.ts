import { briefTab } from '../brief/tab.tsx';
import { callRecordTab } from '../call-record/tab.tsx';
import { customerTab } from '../customer/tab.tsx';
import { draftTab } from '../draft/tab.tsx';
import { healthTab } from '../health/tab.tsx';
import { inboxTab } from '../inbox/tab.tsx';
import type { SidebarTab } from './sidebar-tab.ts';

/**
 * Every tab of the sidebar, in the order shown: a feature adds its tab by adding its folder with a
 * `tab.tsx` and one line here. The order is a product decision, so it is written in this one place
 * rather than found by globbing folders.
 */
export const sidebarTabs: readonly SidebarTab[] = [
  customerTab,
  briefTab,
  callRecordTab,
  healthTab,
  draftTab,
  inboxTab,
];
