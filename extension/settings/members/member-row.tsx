import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { MemberOutput } from '../../../shared/api/auth.ts';
import { type UserRole, userRoles } from '../../../shared/enums.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { ErrorAlert } from '../api-errors.tsx';
import { membersKey } from './members-query.ts';
import { invitationState, PendingInvitation } from './new-invitation-link.tsx';

interface MemberRowProps {
  api: ApiClient;
  member: MemberOutput;
  isMe: boolean;
}

/**
 * One member: whether they have signed in yet (with a new link for who has not), role picker and a
 * two-step remove. The API's last-admin refusals are shown as they come.
 */
export function MemberRow({ api, member, isMe }: MemberRowProps) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: membersKey });
  const setRole = useMutation({
    mutationFn: (role: UserRole) => api.users.setRole.mutate({ userId: member.id, role }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: () => api.users.remove.mutate({ userId: member.id }),
    onSuccess: refresh,
    onSettled: () => setConfirming(false),
  });
  const failure = setRole.error ?? remove.error;
  const invited = invitationState(member, new Date());
  return (
    <li className="row">
      <span className="row-main">
        <span>{member.name || member.email}</span>
        <span className="muted small">
          {member.name ? member.email : ''}
          {isMe ? ' (you)' : ''}
        </span>
        {invited && <span className="small pending">{invited}</span>}
      </span>
      <select
        aria-label={`Role of ${member.email}`}
        value={setRole.isPending ? setRole.variables : member.role}
        disabled={setRole.isPending}
        onChange={(e) => {
          remove.reset();
          setRole.mutate(e.target.value as UserRole);
        }}
      >
        {userRoles.map((role) => (
          <option key={role} value={role}>
            {role}
          </option>
        ))}
      </select>
      {member.pending && <PendingInvitation api={api} member={member} />}
      {confirming ? (
        <span className="row-actions">
          <button
            type="button"
            className="danger"
            onClick={() => remove.mutate()}
            disabled={remove.isPending}
          >
            Confirm removal of {member.email}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </span>
      ) : (
        <button
          type="button"
          aria-label={`Remove ${member.email}`}
          onClick={() => {
            setRole.reset();
            setConfirming(true);
          }}
        >
          Remove
        </button>
      )}
      {failure && (
        <div className="row-error">
          <ErrorAlert error={failure} />
        </div>
      )}
    </li>
  );
}
