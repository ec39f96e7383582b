import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { browserTimeZone } from '../../../extension/sidebar/session/use-browser-time-zone.ts';
import { me, renderSidebar } from '../support/render-sidebar.tsx';

/** A zone no test machine's clock is in, so a member set to it differs from the browser. */
const elsewhere = 'Pacific/Chatham';

function sidebarFor(user: Partial<typeof me.user>) {
  let current = { ...me, user: { ...me.user, ...user } };
  return renderSidebar({
    procedures: {
      'auth.me': () => current,
      'auth.updateMe': (input) => {
        current = { ...current, user: { ...current.user, ...(input as { timeZone: string }) } };
        return current.user;
      },
    },
  });
}

const updates = (sidebar: ReturnType<typeof sidebarFor>) =>
  sidebar.backend.calls.filter((c) => c.path === 'auth.updateMe').map((c) => c.input);

describe('the member’s time zone', () => {
  it('becomes the browser’s when it differs, once', async () => {
    const sidebar = sidebarFor({ timeZone: elsewhere });
    await waitFor(() => expect(updates(sidebar)).toEqual([{ timeZone: browserTimeZone() }]));
    // Asked again after the change, the member's zone is the browser's: nothing more is sent.
    await waitFor(() => expect(sidebar.backend.calls.filter((c) => c.path === 'auth.me').length).toBe(2));
    expect(updates(sidebar)).toHaveLength(1);
  });

  it('is left alone when it is the browser’s already, and while a one-time password waits', async () => {
    const same = sidebarFor({});
    await screen.findByText(me.user.email);
    expect(updates(same)).toEqual([]);
    same.unmount();
    const firstSignIn = sidebarFor({ timeZone: elsewhere, mustChangePassword: true });
    await waitFor(() => expect(firstSignIn.backend.calls.some((c) => c.path === 'auth.me')).toBe(true));
    expect(updates(firstSignIn)).toEqual([]);
  });
});
