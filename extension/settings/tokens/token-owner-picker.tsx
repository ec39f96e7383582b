import { useId } from 'react';
import type { MemberOutput, UserOutput } from '../../../shared/api/auth.ts';

/** Whose tokens the section lists: a member's id, or everyone in the org. */
export type TokenOwner = string | 'everyone';

export function memberLabel(member: Pick<UserOutput, 'name' | 'email'>): string {
  return member.name ? `${member.name} (${member.email})` : member.email;
}

/** Admins only: one member's tokens, or the whole org's. The signed-in admin comes first. */
export function TokenOwnerPicker({
  me,
  members,
  owner,
  onChange,
}: {
  me: UserOutput;
  members: readonly MemberOutput[];
  owner: TokenOwner;
  onChange: (owner: TokenOwner) => void;
}) {
  const id = useId();
  const others = members.filter((m) => m.id !== me.id);
  return (
    <div className="owner-picker">
      <label htmlFor={id}>Tokens of</label>
      <select id={id} value={owner} onChange={(e) => onChange(e.target.value)}>
        <option value={me.id}>You</option>
        {others.map((member) => (
          <option key={member.id} value={member.id}>
            {memberLabel(member)}
          </option>
        ))}
        <option value="everyone">Everyone</option>
      </select>
    </div>
  );
}
