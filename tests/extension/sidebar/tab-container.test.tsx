import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../../extension/lib/api-client.ts';
import { memoryPreference } from '../../../extension/lib/sidebar-preferences.ts';
import { sidebarTabs } from '../../../extension/sidebar/tabs/registry.ts';
import type { SidebarTab, SidebarTabProps } from '../../../extension/sidebar/tabs/sidebar-tab.ts';
import { TabContainer } from '../../../extension/sidebar/tabs/tab-container.tsx';
import { fakeBackend } from '../support/fake-backend.ts';
import { me, renderSidebar } from '../support/render-sidebar.tsx';
import { aCalendarEvent, aCustomerContext, aMatch } from '../support/sidebar-builders.ts';

afterEach(cleanup);

function Draft() {
  const [text, setText] = useState('');
  return <textarea aria-label="Draft text" value={text} onChange={(e) => setText(e.target.value)} />;
}

/** Stand-ins for tabs that do not exist yet: the container is what is under test. */
const threeTabs: SidebarTab[] = [
  { id: 'customer', label: 'Customer', Panel: () => <p>Customer panel</p> },
  { id: 'draft', label: 'Draft', Panel: Draft },
  { id: 'inbox', label: 'Inbox', Panel: () => <p>Inbox panel</p> },
];

const panelProps: SidebarTabProps = {
  api: createApiClient({ backendUrl: 'http://127.0.0.1:8787', token: 't' }, fakeBackend({}).fetch),
  context: null,
  thread: null,
  draftRequest: null,
  host: 'calendar',
  backendUrl: 'http://127.0.0.1:8787',
  me,
  onUnauthorized: () => {},
};

function renderTabs(remembered: string | null = null, reveal: { tabId: string; seq: number } | null = null) {
  const lastTab = memoryPreference(remembered);
  const view = render(
    <TabContainer tabs={threeTabs} panelProps={panelProps} lastTab={lastTab} reveal={reveal} />,
  );
  const askFor = (next: { tabId: string; seq: number }) =>
    view.rerender(<TabContainer tabs={threeTabs} panelProps={panelProps} lastTab={lastTab} reveal={next} />);
  return Object.assign(lastTab, { askFor });
}

function tab(name: string) {
  return screen.getByRole('tab', { name });
}

describe('the sidebar’s tab container', () => {
  it('registers the Customer tab for every host, the Brief tab for Calendar, the Call tab for Zoom, the Health tab for every host, the Draft tab for Gmail, then the Inbox for every host', () => {
    expect(sidebarTabs.map((t) => [t.id, t.hosts ?? 'every host'])).toEqual([
      ['customer', 'every host'],
      ['brief', ['calendar']],
      ['call', ['zoom']],
      ['health', 'every host'],
      ['draft', ['gmail']],
      ['inbox', 'every host'],
    ]);
  });

  it('shows a single tab as its panel alone, with no tab bar', () => {
    render(
      <TabContainer tabs={threeTabs.slice(0, 1)} panelProps={panelProps} lastTab={memoryPreference(null)} />,
    );
    const panel = screen.getByRole('region', { name: 'Customer' });
    expect(within(panel).getByText('Customer panel')).toBeTruthy();
    expect(screen.queryByRole('tablist')).toBeNull();
  });

  it('opens Calendar’s sidebar on the Customer tab, with the Brief, Health and Inbox tabs beside it', async () => {
    renderSidebar({
      context: aCalendarEvent(),
      procedures: { 'customers.context': () => aMatch(aCustomerContext()) },
    });
    const panel = await screen.findByRole('tabpanel', { name: 'Customer' });
    expect(await within(panel).findByRole('region', { name: 'Account' })).toBeTruthy();
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual([
      'Customer',
      'Brief',
      'Health',
      'Inbox',
    ]);
  });

  it('lists the tabs with one tab stop: the selected tab', () => {
    renderTabs();
    expect(screen.getByRole('tablist').getAttribute('aria-label')).toBe('CSCX');
    expect(screen.getAllByRole('tab').map((t) => [t.textContent, t.tabIndex])).toEqual([
      ['Customer', 0],
      ['Draft', -1],
      ['Inbox', -1],
    ]);
    expect(tab('Customer').getAttribute('aria-selected')).toBe('true');
    const panel = screen.getByRole('tabpanel', { name: 'Customer' });
    expect(panel.id).toBe(tab('Customer').getAttribute('aria-controls'));
    expect(panel.textContent).toBe('Customer panel');
  });

  it('moves between tabs with the arrow keys, wrapping at the ends, and Home and End', async () => {
    renderTabs();
    tab('Customer').focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(tab('Draft'));
    expect(tab('Draft').getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel', { name: 'Draft' })).toBeTruthy();
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    expect(document.activeElement).toBe(tab('Customer'));
    await userEvent.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(tab('Inbox'));
    await userEvent.keyboard('{Home}');
    expect(document.activeElement).toBe(tab('Customer'));
    await userEvent.keyboard('{End}');
    expect(document.activeElement).toBe(tab('Inbox'));
    expect(tab('Inbox').tabIndex).toBe(0);
    expect(tab('Customer').tabIndex).toBe(-1);
  });

  it('keeps what was typed in a panel when the CSM looks at another tab and comes back', async () => {
    renderTabs();
    await userEvent.click(tab('Draft'));
    await userEvent.type(screen.getByLabelText('Draft text'), 'Hi Dana,');
    await userEvent.click(tab('Inbox'));
    expect(screen.getByRole('tabpanel', { name: 'Inbox' })).toBeTruthy();
    await userEvent.click(tab('Draft'));
    expect(screen.getByLabelText<HTMLTextAreaElement>('Draft text').value).toBe('Hi Dana,');
  });

  it('remembers the tab chosen last, and opens it next time', async () => {
    const lastTab = renderTabs();
    await userEvent.click(tab('Inbox'));
    expect(lastTab.current).toBe('inbox');
    cleanup();
    renderTabs('inbox');
    await waitFor(() => expect(tab('Inbox').getAttribute('aria-selected')).toBe('true'));
    expect(screen.getByRole('tabpanel', { name: 'Inbox' }).textContent).toBe('Inbox panel');
  });

  it('opens the tab the page asks for, over the remembered one, and again when asked again', async () => {
    const tabs = renderTabs('inbox', { tabId: 'draft', seq: 1 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(tab('Draft').getAttribute('aria-selected')).toBe('true');
    await userEvent.click(tab('Customer'));
    tabs.askFor({ tabId: 'draft', seq: 2 });
    expect(tab('Draft').getAttribute('aria-selected')).toBe('true');
  });

  it('opens the first tab when the remembered one no longer exists', async () => {
    renderTabs('brief');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(tab('Customer').getAttribute('aria-selected')).toBe('true');
  });
});
