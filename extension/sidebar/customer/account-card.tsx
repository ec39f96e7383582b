import { formatDate, formatMoney, labelOf, renewalCountdown } from './account-format.ts';
import type { CustomerContext } from './types.ts';

export function AccountCard({ customer }: { customer: CustomerContext }) {
  const soon = customer.daysToRenewal !== null && customer.daysToRenewal <= 90;
  return (
    <section className="card account" aria-label="Account">
      <header>
        <h2>{customer.name}</h2>
        <span className={`stage stage-${customer.stage}`}>{labelOf(customer.stage)}</span>
      </header>
      <p className="muted domains">{customer.domains.join(' · ')}</p>
      <dl className="facts">
        <div>
          <dt>ARR</dt>
          <dd>{formatMoney(customer.arrMinor, customer.currency)}</dd>
        </div>
        <div>
          <dt>Renewal</dt>
          <dd>
            {customer.renewalDate ? formatDate(customer.renewalDate) : '—'}
            <span className={soon ? 'countdown soon' : 'countdown'}>
              {renewalCountdown(customer.daysToRenewal)}
            </span>
          </dd>
        </div>
        <div>
          <dt>Segment</dt>
          <dd>{labelOf(customer.segment)}</dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd>{customer.owner?.name || customer.owner?.email || 'Unassigned'}</dd>
        </div>
      </dl>
    </section>
  );
}
