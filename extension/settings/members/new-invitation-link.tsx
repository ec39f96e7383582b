import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MemberOutput } from '../../../shared/api/auth.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { ErrorAlert } from '../api-errors.tsx';
import { InvitationLink } from './invitation-link.tsx';
import { membersKey } from './members-query.ts';

/** "Invited — not signed in yet", and for a lost or expired link a new one (the old one is revoked). */
export function PendingInvitation({ api, member }: { api: ApiClient; member: MemberOutput }) {
  const queryClient = useQueryClient();
  const reissue = useMutation({
    mutationFn: () => api.users.reissueInvite.mutate({ userId: member.id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersKey }),
  });
  return (
    <>
      <button
        type="button"
        aria-label={`New invitation link for ${member.email}`}
        disabled={reissue.isPending}
        onClick={() => reissue.mutate()}
      >
        {reissue.isPending ? 'Issuing…' : 'New link'}
      </button>
      {(reissue.error || reissue.data) && (
        <div className="row-detail">
          {reissue.error && <ErrorAlert error={reissue.error} />}
          {reissue.data && (
            <InvitationLink invitation={reissue.data} replacesAnother onDone={() => reissue.reset()} />
          )}
        </div>
      )}
    </>
  );
}

/** "Invited — not signed in yet · link expires 5/8/2026" (or "link expired …"): said beside the address. */
export function invitationState(member: MemberOutput, now: Date): string | null {
  if (!member.pending) return null;
  if (!member.invitationExpiresAt) return 'Invited — not signed in yet';
  const expiry = new Date(member.invitationExpiresAt);
  const verb = expiry.getTime() <= now.getTime() ? 'expired' : 'expires';
  return `Invited — not signed in yet · link ${verb} ${expiry.toLocaleDateString()}`;
}
