import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { GmailThreadContext, HostContext } from '../../../shared/host-context.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { classifyApiError, errorMessage } from '../connection/api-error.ts';
import { BackendUnreachable } from '../connection/backend-unreachable.tsx';
import { lookupCustomer } from '../customer/lookup-customer.ts';
import { Notice } from '../layout/notice.tsx';
import { PanelSkeleton } from '../layout/skeleton.tsx';
import type { DraftRequest } from '../tabs/sidebar-tab.ts';
import { DraftWriter } from './draft-writer.tsx';

interface DraftTabProps {
  api: ApiClient;
  context: HostContext;
  thread: GmailThreadContext | null;
  canInsert: boolean;
  request: DraftRequest | null;
  backendUrl: string;
  onUnauthorized: () => void;
}

/**
 * The Draft tab for the customer the page's people match: the same lookup as the Customer tab's
 * (one call for both), since a draft is written from that account.
 */
export function DraftTab({
  api,
  context,
  thread,
  canInsert,
  request,
  backendUrl,
  onUnauthorized,
}: DraftTabProps) {
  const lookup = useQuery({
    queryKey: ['customer.lookup', context],
    queryFn: () => lookupCustomer(api, context),
    // A reply's compose names its people afresh: the draft stays while they are matched again.
    placeholderData: keepPreviousData,
  });
  const failure = lookup.error ? classifyApiError(lookup.error) : null;
  useEffect(() => {
    if (failure === 'unauthorized') onUnauthorized();
  }, [failure, onUnauthorized]);

  if (failure === 'unreachable')
    return <BackendUnreachable backendUrl={backendUrl} onRetry={() => void lookup.refetch()} />;
  if (lookup.error)
    return (
      <Notice title="Something went wrong" tone="warning">
        <p>{errorMessage(lookup.error)}</p>
      </Notice>
    );
  if (!lookup.data) return <PanelSkeleton label="Finding the customer" />;
  const { customer } = lookup.data;
  if (!customer)
    return (
      <Notice title="No customer to draft for">
        <p>A draft is written from a customer’s account. Create or find the customer in the Customer tab.</p>
      </Notice>
    );
  return (
    <DraftWriter
      key={customer.id}
      api={api}
      customer={{ id: customer.id, name: customer.name }}
      thread={thread}
      canInsert={canInsert}
      request={request}
      onUnauthorized={onUnauthorized}
    />
  );
}
