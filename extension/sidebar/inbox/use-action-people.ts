import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { type ActionView, ownAccountKinds } from '../../../shared/api/actions.ts';
import type { UserOutput } from '../../../shared/api/auth.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import type { ActionPeople } from './action-card.tsx';

const membersKey = ['users.list'] as const;

/**
 * Names and addresses of the org's members (whose mailbox an email leaves from, who decided), in the
 * signed-in user's time zone. Until the members arrive, ids read as "a colleague".
 */
export function useActionPeople(api: ApiClient, me: UserOutput): ActionPeople {
  const members = useQuery({ queryKey: membersKey, queryFn: () => api.users.list.query() });
  return useMemo(() => {
    const byId = new Map<string, Pick<UserOutput, 'name' | 'email'>>(
      (members.data ?? []).map((m) => [m.id, m]),
    );
    byId.set(me.id, me);
    const nameOf = (member: Pick<UserOutput, 'name' | 'email'>) => member.name || member.email;
    return {
      meId: me.id,
      timeZone: me.timeZone,
      members: [...byId].map(([id, member]) => ({ id, name: nameOf(member) })),
      emailOf: (id) => byId.get(id)?.email ?? 'a colleague’s mailbox',
      nameOf: (id) => {
        const member = byId.get(id);
        return member ? nameOf(member) : 'a colleague';
      },
    };
  }, [members.data, me]);
}

/** Why the user may not decide this action (as `decide.ts` holds), or null when they may. */
export function decisionRefusal(me: UserOutput, action: ActionView): string | null {
  if (me.role === 'viewer') return 'Viewers read the queue; a CSM or an admin decides.';
  if (me.role === 'admin' || !ownAccountKinds.includes(action.kind) || action.forUserId === me.id)
    return null;
  return action.kind === 'email.send'
    ? 'It leaves from a colleague’s mailbox: they or an admin decide.'
    : 'It goes on a colleague’s calendar: they or an admin decide.';
}
