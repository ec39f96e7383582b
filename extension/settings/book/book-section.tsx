import '../../sidebar/health/health.css';
import './book.css';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { BookEntry, HealthBookInput } from '../../../shared/api/health.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { formatDate, formatMoney } from '../../sidebar/customer/account-format.ts';
import { bandWords, signedPoints } from '../../sidebar/health/health-format.ts';
import { PanelSkeleton } from '../../sidebar/layout/skeleton.tsx';
import { ErrorAlert } from '../api-errors.tsx';
import { membersKey } from '../members/members-query.ts';
import { sectionHref } from '../route.ts';
import { type BookFilter, BookFilters } from './book-filters.tsx';

const pageSize = 50;

/** The book of business, weakest health first: who needs attention, and the reason in a line. */
export function BookSection({ api }: { api: ApiClient }) {
  const [filter, setFilter] = useState<BookFilter>({ band: null, ownerId: null, renewalWithinDays: null });
  const members = useQuery({ queryKey: membersKey, queryFn: () => api.users.list.query() });
  const book = useInfiniteQuery({
    queryKey: ['health.book', filter],
    queryFn: ({ pageParam }) => api.health.book.query(bookInput(filter, pageParam)),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const entries = book.data?.pages.flatMap((p) => p.items) ?? [];
  const ownerName = new Map((members.data ?? []).map((m) => [m.id, m.name || m.email]));
  return (
    <section className="card" aria-labelledby="book-heading">
      <h2 id="book-heading">Book of business</h2>
      <BookFilters filter={filter} members={members.data ?? []} onChange={setFilter} />
      {book.error ? (
        <ErrorAlert error={book.error} />
      ) : !book.data ? (
        <PanelSkeleton label="Loading the book" />
      ) : entries.length === 0 ? (
        <p className="muted">No scored customers match these filters.</p>
      ) : (
        <table className="book">
          <thead>
            <tr>
              <th scope="col">Customer</th>
              <th scope="col">Health</th>
              <th scope="col">7 days</th>
              <th scope="col">Renewal</th>
              <th scope="col">Owner</th>
              <th scope="col">Main concern</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <BookRow
                key={entry.customerId}
                entry={entry}
                owner={entry.ownerId ? ownerName.get(entry.ownerId) : null}
              />
            ))}
          </tbody>
        </table>
      )}
      {book.hasNextPage && (
        <button type="button" disabled={book.isFetchingNextPage} onClick={() => void book.fetchNextPage()}>
          {book.isFetchingNextPage ? 'Loading…' : 'Show more'}
        </button>
      )}
    </section>
  );
}

function BookRow({ entry, owner }: { entry: BookEntry; owner: string | null | undefined }) {
  return (
    <tr>
      <th scope="row">
        <a href={`${sectionHref('/alerts')}?customer=${entry.customerId}`}>{entry.customerName}</a>
        <span className="muted small">{formatMoney(entry.arrMinor, entry.currency)} ARR</span>
      </th>
      <td>
        <span className="book-score">{Math.round(entry.score)}</span>{' '}
        <span className={`band band-${entry.band}`}>{bandWords[entry.band]}</span>
      </td>
      <td>{entry.deltas.d7 === null ? '—' : signedPoints(entry.deltas.d7)}</td>
      <td>{entry.renewalDate ? formatDate(entry.renewalDate) : '—'}</td>
      <td>{entry.ownerId ? (owner ?? 'A removed member') : 'Unassigned'}</td>
      <td>
        {entry.topConcern ?? <span className="muted">—</span>}
        {entry.openAlerts > 0 && (
          <span className="muted small">
            {' '}
            · {entry.openAlerts} open alert{entry.openAlerts === 1 ? '' : 's'}
          </span>
        )}
      </td>
    </tr>
  );
}

function bookInput(filter: BookFilter, cursor: string | null): HealthBookInput {
  return {
    limit: pageSize,
    ...(filter.band ? { band: filter.band } : {}),
    ...(filter.ownerId ? { ownerId: filter.ownerId } : {}),
    ...(filter.renewalWithinDays !== null ? { renewalWithinDays: filter.renewalWithinDays } : {}),
    ...(cursor ? { cursor } : {}),
  };
}
