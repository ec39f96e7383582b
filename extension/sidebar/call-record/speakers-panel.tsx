import type { CallRecordView } from '../../../shared/api/call-records.ts';
import type { ZoomMeetingContext } from '../../../shared/host-context.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { SpeakerFix } from './speaker-fix.tsx';
import { SpeakerMatch } from './speaker-match.tsx';

function sentimentWord(score: number): string {
  if (score >= 0.25) return 'positive';
  if (score <= -0.25) return 'negative';
  return 'neutral';
}

function talk(speaker: CallRecordView['analysis']['speakers'][number]): string {
  const share = `${Math.round(speaker.share * 100)} %`;
  if (speaker.talkSeconds === null) return `${share} of the words`;
  const minutes = Math.floor(speaker.talkSeconds / 60);
  const seconds = Math.round(speaker.talkSeconds % 60);
  return `${share} · ${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** Talk time as bars and sentiment per speaker, with whom each speaker was matched to and how. */
interface SpeakersPanelProps {
  api: ApiClient;
  context: ZoomMeetingContext;
  record: CallRecordView;
  canEdit: boolean;
}

export function SpeakersPanel({ api, context, record, canEdit }: SpeakersPanelProps) {
  const mapped = new Map(record.speakers.map((s) => [s.speaker, s]));
  return (
    <section className="card stack" aria-label="Speakers">
      <h3>Talk time and sentiment</h3>
      <ul className="call-list">
        {record.analysis.speakers.map((speaker) => {
          const who = mapped.get(speaker.speaker);
          return (
            <li key={speaker.speaker} className="call-speaker">
              <div className="call-row">
                <strong>{speaker.speaker}</strong>
                {who && <SpeakerMatch mapping={who} />}
                {canEdit && who && <SpeakerFix api={api} context={context} record={record} mapping={who} />}
                <span className={`call-sentiment call-sentiment-${sentimentWord(speaker.sentiment)}`}>
                  {sentimentWord(speaker.sentiment)} {speaker.sentiment.toFixed(2)}
                </span>
              </div>
              <meter
                className="call-talk-bar"
                aria-label={`${speaker.speaker} talk time`}
                min={0}
                max={100}
                value={Math.round(speaker.share * 100)}
              />
              <span className="muted">{talk(speaker)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
