import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { type UserRole, userRoles } from '../../../shared/enums.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { ErrorAlert } from '../api-errors.tsx';
import { InvitationLink } from './invitation-link.tsx';
import { membersKey } from './members-query.ts';

/** Creates the member without a password; the one-time link is shown here, once, to pass on. */
export function InviteForm({ api }: { api: ApiClient }) {
  const ids = useId();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<UserRole>('csm');
  const invite = useMutation({
    mutationFn: () => api.users.invite.mutate({ email, name, role }),
    onSuccess: async () => {
      setEmail('');
      setName('');
      await queryClient.invalidateQueries({ queryKey: membersKey });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate();
  };
  return (
    <form onSubmit={submit} aria-label="Invite a member" className="subsection">
      <h3>Invite a member</h3>
      <div className="fields">
        <span>
          <label htmlFor={`${ids}-email`}>Email</label>
          <input
            id={`${ids}-email`}
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </span>
        <span>
          <label htmlFor={`${ids}-name`}>Name</label>
          <input id={`${ids}-name`} value={name} onChange={(e) => setName(e.target.value)} />
        </span>
        <span>
          <label htmlFor={`${ids}-role`}>Role</label>
          <select id={`${ids}-role`} value={role} onChange={(e) => setRole(e.target.value as UserRole)}>
            {userRoles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </span>
      </div>
      {invite.isError && <ErrorAlert error={invite.error} />}
      <button type="submit" className="primary" disabled={invite.isPending}>
        {invite.isPending ? 'Inviting…' : 'Invite'}
      </button>
      {invite.data && <InvitationLink invitation={invite.data} onDone={() => invite.reset()} />}
    </form>
  );
}
