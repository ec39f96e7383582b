import type { HostName } from '../../lib/sidebar-preferences.ts';
import { Notice } from '../layout/notice.tsx';

const hint: Record<HostName, string> = {
  calendar: 'Open an event’s details to see its customer here.',
  zoom: 'Open a meeting, a recording or a call to see its customer here.',
  gmail: 'Open a thread or start a reply to see its customer here.',
};

/** The page shows nothing to look up (the popover closed, back to the inbox): never the old customer. */
export function NothingOpen({ host }: { host: HostName | null }) {
  return (
    <Notice title="Nothing open" tone="calm">
      <p className="muted">
        {host
          ? hint[host]
          : 'Open a Gmail thread, a Google Calendar event or a Zoom meeting or recording to see its customer here.'}
      </p>
    </Notice>
  );
}
