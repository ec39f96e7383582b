import type { z } from 'zod';
import type { inviteUserOutput } from '../../../shared/api/auth.ts';
import { OneTimeSecret } from '../one-time-secret.tsx';

/** The one-time link `users.invite` or `users.reissueInvite` returned, to pass on to the member. */
export function InvitationLink({
  invitation,
  replacesAnother = false,
  onDone,
}: {
  invitation: z.infer<typeof inviteUserOutput>;
  replacesAnother?: boolean;
  onDone: () => void;
}) {
  const expires = new Date(invitation.expiresAt).toLocaleDateString();
  return (
    <OneTimeSecret
      label="Invitation link"
      value={invitation.inviteUrl}
      onDone={onDone}
      note={`Send this link to ${invitation.user.email}: it sets their password once and expires ${expires}. It is not shown again.${replacesAnother ? ' Their previous link no longer works.' : ''}`}
    />
  );
}
