import type { CallRecordView } from '../../../shared/api/call-records.ts';

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

/** Talk time as bars and sentiment per speaker, with whom each speaker was matched to. */
export function SpeakersPanel({ record }: { record: CallRecordView }) {
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
                {who?.contactId && who.name !== speaker.speaker && (
                  <span className="muted">({who.name})</span>
                )}
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
