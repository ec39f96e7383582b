import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { contextPeople, type HostContext, type Person } from '../../../shared/host-context.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { classifyApiError, errorMessage } from '../connection/api-error.ts';
import { BackendUnreachable } from '../connection/backend-unreachable.tsx';
import { Notice } from '../layout/notice.tsx';
import { PanelSkeleton } from '../layout/skeleton.tsx';
import type { TabFocus } from '../tabs/sidebar-tab.ts';
import { AccountCard } from './account-card.tsx';
import { CandidateSwitcher } from './candidate-switcher.tsx';
import { ContactsList } from './contacts-list.tsx';
import { CreateCustomerForm } from './create-customer-form.tsx';
import { CustomerSearch } from './customer-search.tsx';
import { LinkPerson } from './link-person.tsx';
import { lookupCustomer } from './lookup-customer.ts';
import { OpenTasks } from './open-tasks.tsx';
import { RecentTimeline } from './recent-timeline.tsx';
import { useRecordCalendarMeeting } from './record-calendar-meeting.ts';
import { ThreadSection } from './thread-analysis.tsx';

interface CustomerTabProps {
  api: ApiClient;
  context: HostContext;
  backendUrl: string;
  /** The signed-in org's own domains: its people are never "not matched". */
  orgDomains: string[];
  /** Whether a Calendar event's meeting goes on the shown customer's timeline (the org's setting, not for viewers). */
  recordsMeetings: boolean;
  onUnauthorized: () => void;
  /** An item another tab opened here (a brief's source): its customer is shown and the item highlighted. */
  focus?: TabFocus | null;
}

/** The Customer tab for one host context; the parent keys it by context so a new event starts fresh. */
export function CustomerTab({
  api,
  context,
  backendUrl,
  orgDomains,
  recordsMeetings,
  onUnauthorized,
  focus = null,
}: CustomerTabProps) {
  const [picked, setPicked] = useState<string | null>(null);
  useEffect(() => {
    if (focus) setPicked(focus.customerId);
  }, [focus]);
  const lookup = useQuery({
    queryKey: ['customer.lookup', context],
    queryFn: () => lookupCustomer(api, context),
  });
  const matchedId = lookup.data?.customer?.id ?? null;
  const chosen = useQuery({
    queryKey: ['customer.lookup', 'id', picked],
    queryFn: () => api.customers.context.query({ customerId: picked ?? '' }),
    enabled: picked !== null && picked !== matchedId,
  });
  const error = lookup.error ?? chosen.error;
  const failure = error ? classifyApiError(error) : null;
  useEffect(() => {
    if (failure === 'unauthorized') onUnauthorized();
  }, [failure, onUnauthorized]);
  const shownId = picked && picked !== matchedId ? (chosen.data?.customer?.id ?? null) : matchedId;
  useRecordCalendarMeeting(api, context, shownId, recordsMeetings);

  if (failure === 'unreachable')
    return (
      <BackendUnreachable
        backendUrl={backendUrl}
        onRetry={() => void Promise.all([lookup.refetch(), chosen.refetch()])}
      />
    );
  if (error)
    return (
      <Notice title="Something went wrong" tone="warning">
        <p>{errorMessage(error)}</p>
      </Notice>
    );
  if (!lookup.data || (chosen.isFetching && !chosen.data))
    return <PanelSkeleton label="Finding the customer" />;

  const { candidates, unmatchedEmails } = lookup.data;
  const customer = picked && picked !== matchedId ? (chosen.data?.customer ?? null) : lookup.data.customer;
  const unmatched = unmatchedPeople(context, unmatchedEmails, orgDomains);
  const find = (
    <CustomerSearch
      api={api}
      label={customer ? 'Wrong customer?' : 'Find a customer'}
      action={() => 'Show'}
      onPick={(c) => setPicked(c.id)}
    />
  );

  if (!customer) {
    return (
      <div className="stack">
        <Notice title="Not a customer yet">
          <p>No customer matches the people {peoplePlace[context.host]}.</p>
        </Notice>
        <CreateCustomerForm api={api} domain={likelyDomain(unmatched)} />
        <LinkPerson api={api} people={unmatched} current={null} />
        {find}
      </div>
    );
  }
  const reason = candidates.find((c) => c.customer.id === customer.id)?.reason.summary;
  return (
    <div className="stack">
      {candidates.length > 1 && (
        <CandidateSwitcher candidates={candidates} selectedId={customer.id} onSelect={setPicked} />
      )}
      {reason && <p className="muted small reason">{reason}</p>}
      <AccountCard customer={customer} />
      <ThreadSection api={api} context={context} customerId={customer.id} />
      <ContactsList contacts={customer.matchedContacts} />
      <OpenTasks
        tasks={customer.openTasks}
        total={customer.openTaskCount}
        focusedId={focus?.item?.kind === 'task' ? focus.item.id : null}
      />
      <RecentTimeline
        activities={customer.recentActivities}
        focus={focus?.item?.kind === 'activity' ? { activity: focus.item.activity, seq: focus.seq } : null}
      />
      <LinkPerson api={api} people={unmatched} current={{ id: customer.id, name: customer.name }} />
      {find}
    </div>
  );
}

const peoplePlace: Record<HostContext['host'], string> = {
  calendar: 'on this event',
  zoom: 'in this meeting',
  gmail: 'in this email',
};

function unmatchedPeople(context: HostContext, emails: string[], orgDomains: string[]): Person[] {
  const people = contextPeople(context);
  return emails
    .filter((email) => !orgDomains.some((d) => email.endsWith(`@${d}`)))
    .map((email) => ({ email, name: people.find((p) => p.email === email)?.name ?? '' }));
}

/** The domain most unmatched people share: the likely new customer's. */
function likelyDomain(people: Person[]): string | null {
  const counts = new Map<string, number>();
  for (const p of people) {
    const domain = p.email?.split('@')[1];
    if (domain) counts.set(domain, (counts.get(domain) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}
