import { useQuery } from '@tanstack/react-query';
import type { UserOutput } from '../../../shared/api/auth.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { PanelSkeleton } from '../../sidebar/layout/skeleton.tsx';
import { ErrorAlert } from '../api-errors.tsx';
import { InviteForm } from './invite-form.tsx';
import { MemberRow } from './member-row.tsx';
import { membersKey } from './members-query.ts';

/** Admins only: who is in the org, their roles, removal, and invitations. */
export function MembersSection({ api, me }: { api: ApiClient; me: UserOutput }) {
  const members = useQuery({ queryKey: membersKey, queryFn: () => api.users.list.query() });
  return (
    <section className="card" aria-labelledby="members-heading">
      <h2 id="members-heading">Members</h2>
      {members.error ? (
        <ErrorAlert error={members.error} />
      ) : !members.data ? (
        <PanelSkeleton label="Loading members" />
      ) : (
        <ul className="rows" aria-label="Members">
          {members.data.map((member) => (
            <MemberRow key={member.id} api={api} member={member} isMe={member.id === me.id} />
          ))}
        </ul>
      )}
      <InviteForm api={api} />
    </section>
  );
}
