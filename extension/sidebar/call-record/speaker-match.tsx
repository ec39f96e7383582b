import type { SpeakerMapping } from '../../../shared/api/call-records.ts';

const matchedBy: Record<SpeakerMapping['how'], string> = {
  zoom_participant: 'Zoom participant',
  calendar_guest: 'calendar guest',
  guest_address: 'calendar guest, by their address',
  contact: 'contact of that name',
  member: 'your team, by name',
  remembered: 'remembered fix',
  manual: 'fixed here',
  none: 'not matched',
};

/** Whom a speaker was matched to and on what evidence, so the CSM knows which to check. */
export function SpeakerMatch({ mapping }: { mapping: SpeakerMapping }) {
  const who = [
    mapping.name !== mapping.speaker ? mapping.name : '',
    mapping.email ?? '',
    mapping.internal ? 'your team' : '',
  ].filter(Boolean);
  return (
    <span role="note" className="muted call-speaker-match" aria-label={`How ${mapping.speaker} was matched`}>
      {[...who, matchedBy[mapping.how]].join(' · ')}
    </span>
  );
}
