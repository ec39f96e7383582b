import type { BriefClaim, BriefPerson, MeetingBrief } from '../../../shared/api/briefs.ts';
import { formatMoney, labelOf, renewalCountdown } from '../customer/account-format.ts';
import { ClaimSources, type OpenTab } from './claim-sources.tsx';

interface ViewProps {
  brief: MeetingBrief;
  openTab: OpenTab | undefined;
}

/** The brief in the order a CSM reads it before a call: who, the account, what can go wrong, what is open, what to say. */
export function BriefView({ brief, openTab }: ViewProps) {
  const claims = (title: string, items: BriefClaim[], empty: string) => (
    <ClaimSection title={title} items={items} empty={empty} brief={brief} openTab={openTab} />
  );
  return (
    <>
      <Attendees brief={brief} openTab={openTab} />
      <Account brief={brief} openTab={openTab} />
      {claims('Risks', brief.risks, 'No risks found.')}
      {claims('Open items', brief.openItems, 'Nothing open from earlier calls or tasks.')}
      {claims('Commitments', brief.commitments, 'No open promises or questions in recent emails.')}
      {claims('Talking points', brief.talkingPoints, 'Nothing in particular to raise.')}
      <section className="card" aria-label="Suggested agenda">
        <h3>Suggested agenda</h3>
        <ol className="agenda">
          {brief.agenda.map((item) => (
            <li key={item.text}>
              <span className="minutes">{item.minutes} min</span> {item.text}{' '}
              <ClaimSources sources={item.sources} brief={brief} openTab={openTab} />
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

function ClaimSection({
  title,
  items,
  empty,
  brief,
  openTab,
}: ViewProps & { title: string; items: BriefClaim[]; empty: string }) {
  return (
    <section className="card" aria-label={title}>
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="claims">
          {items.map((claim) => (
            <li key={claim.text}>
              <span>{claim.text}</span>{' '}
              <ClaimSources sources={claim.sources} brief={brief} openTab={openTab} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const trendLabels: Record<BriefPerson['sentiment']['trend'], string> = {
  improving: 'warmer lately',
  declining: 'cooler lately',
  steady: 'steady tone',
  unknown: 'no emails analysed',
};

function Attendees({ brief, openTab }: ViewProps) {
  return (
    <section className="card" aria-label="Attendees">
      <h3>Attendees</h3>
      {brief.attendees.length === 0 ? (
        <p className="muted">No guests from {brief.customer.name} on the invite.</p>
      ) : (
        <ul className="attendees">
          {brief.attendees.map((person) => (
            <li key={person.email ?? person.name}>
              <span className="attendee-name">{person.name}</span>
              <span className="muted small">
                {[
                  person.title,
                  person.role ? labelOf(person.role) : person.contactId ? '' : 'not a contact yet',
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
              {person.lastInteraction && (
                <span className="small">
                  {person.lastInteraction.text}{' '}
                  <ClaimSources sources={person.lastInteraction.sources} brief={brief} openTab={openTab} />
                </span>
              )}
              <span className={`small trend trend-${person.sentiment.trend}`}>
                {trendLabels[person.sentiment.trend]}
              </span>
            </li>
          ))}
        </ul>
      )}
      {brief.colleagues.length > 0 && (
        <p className="muted small">With you: {brief.colleagues.map((c) => c.name || c.email).join(', ')}</p>
      )}
    </section>
  );
}

function Account({ brief, openTab }: ViewProps) {
  const { account } = brief;
  const health = account.health;
  return (
    <section className="card" aria-label="Account">
      <h3>Account</h3>
      <p>
        {formatMoney(account.arrMinor, account.currency)} ARR · {labelOf(account.stage)} · renewal{' '}
        {renewalCountdown(account.daysToRenewal)}
      </p>
      {health ? (
        <>
          <p>
            Health <strong>{Math.round(health.score)}</strong>{' '}
            <span className={`band band-${health.band}`}>{labelOf(health.band)}</span>{' '}
            <ClaimSources sources={[health.source]} brief={brief} openTab={openTab} />
          </p>
          <ul className="claims">
            {health.drivers.map((driver) => (
              <li key={driver.text} className={`severity-${driver.severity}`}>
                <span>{driver.text}</span>{' '}
                <ClaimSources sources={driver.sources} brief={brief} openTab={openTab} />
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">No health score yet.</p>
      )}
    </section>
  );
}
