import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { inboxSdkGmailHost } from '../../../extension/hosts/gmail/gmail-host.ts';
import { feedGmailSidebar } from '../../../extension/hosts/gmail/mount.ts';
import type { HostContext } from '../../../shared/host-context.ts';
import { aComposeView, aThreadView, standInInboxSdk } from '../support/inboxsdk-stand-in.ts';
import { renderSidebar } from '../support/render-sidebar.tsx';
import { aCustomerContext, aMatch } from '../support/sidebar-builders.ts';

/** The context the Gmail adapter sends its sidebar once InboxSDK reports the view opening. */
async function adapterContext(open: (gmail: ReturnType<typeof standInInboxSdk>) => void) {
  const gmail = standInInboxSdk();
  let sent: HostContext | null = null;
  feedGmailSidebar({ isInvalid: false, onInvalidated: () => () => {} }, inboxSdkGmailHost(gmail.sdk), {
    show: (context) => (sent = context),
    clear: () => (sent = null),
  });
  open(gmail);
  return vi.waitFor(() => {
    if (!sent) throw new Error('nothing sent yet');
    return sent;
  });
}

/** A backend that knows Acme Robotics by its domain and nobody else. */
function acmeBackend() {
  const acme = aCustomerContext({ name: 'Acme Robotics', domains: ['acme-robotics.test'] });
  return {
    'customers.context': (input: unknown) => {
      const emails = (input as { emails?: string[] }).emails ?? [];
      return emails.some((e) => e.endsWith('@acme-robotics.test'))
        ? aMatch(acme)
        : { candidates: [], customer: null, unmatchedEmails: emails };
    },
  };
}

describe('the sidebar fed by the Gmail adapter', () => {
  it('shows the customer of the opened thread, with the thread’s people', async () => {
    const context = await adapterContext((gmail) => gmail.openThread(aThreadView()));
    const { backend } = renderSidebar({ context, procedures: acmeBackend() });
    const card = await screen.findByRole('region', { name: 'Account' });
    expect(within(card).getByRole('heading', { name: 'Acme Robotics' })).toBeTruthy();
    expect(screen.getByText('Renewal terms and SSO rollout')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'People here' }).textContent).toContain('Dana Reyes');
    expect(backend.calls.find((c) => c.path === 'customers.context')?.input).toEqual({
      emails: ['dana.reyes@acme-robotics.test', 'csm@cscx.localhost', 'li.wei@acme-robotics.test'],
    });
  });

  it('shows the customer a new message is addressed to', async () => {
    const context = await adapterContext((gmail) => gmail.openCompose(aComposeView()));
    renderSidebar({ context, procedures: acmeBackend() });
    expect(await screen.findByRole('heading', { name: 'Acme Robotics' })).toBeTruthy();
    expect(screen.getByText('Seat quote')).toBeTruthy();
  });

  it('says no customer matches the people in an email to strangers', async () => {
    const context = await adapterContext((gmail) =>
      gmail.openCompose(aComposeView({ to: [{ emailAddress: 'pat@newco.test', name: 'Pat' }] })),
    );
    renderSidebar({ context, procedures: acmeBackend() });
    expect(await screen.findByRole('heading', { name: 'Not a customer yet' })).toBeTruthy();
    expect(screen.getByText(/No customer matches the people in this email/)).toBeTruthy();
  });
});
