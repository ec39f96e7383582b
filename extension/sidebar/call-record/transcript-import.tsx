import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { maxTranscriptChars } from '../../../shared/api/call-records.ts';
import type { ZoomMeetingContext } from '../../../shared/host-context.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import { errorMessage } from '../connection/api-error.ts';
import { callRecordKey, pageStartTime } from './call-record-query.ts';

interface TranscriptImportProps {
  api: ApiClient;
  context: ZoomMeetingContext;
  customerId: string;
  customerName: string;
}

/** Paste or upload a VTT, SRT or "Speaker: text" transcript: stored as this meeting's call. */
export function TranscriptImport({ api, context, customerId, customerName }: TranscriptImportProps) {
  const textId = useId();
  const [text, setText] = useState('');
  const [source, setSource] = useState<'paste' | 'upload'>('paste');
  const queryClient = useQueryClient();
  const store = useMutation({
    mutationFn: () =>
      api.meetings.importTranscript.mutate({
        text,
        source,
        customerId,
        ...(context.meetingId ? { conferenceId: context.meetingId } : {}),
        ...(context.topic ? { title: context.topic } : {}),
        ...(pageStartTime(context) ? { occurredAt: pageStartTime(context) } : {}),
        // Remembered with the record, so reopening this recording page shows it.
        ...(context.page === 'recording' && context.recordingId ? { recordingId: context.recordingId } : {}),
      }),
    onSuccess: (stored) => queryClient.setQueryData(callRecordKey(context), { record: stored.record }),
  });
  const tooLong = text.length > maxTranscriptChars;
  return (
    <section className="card stack transcript-import" aria-label="Add the transcript">
      <h2>No transcript yet</h2>
      <p className="muted">
        Paste the call's transcript (Zoom's VTT, SRT or "Speaker: text" lines) or upload the file: it is kept
        as this call's record for {customerName}.
      </p>
      <label htmlFor={textId}>Transcript</label>
      <textarea
        id={textId}
        rows={8}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setSource('paste');
        }}
      />
      <input
        type="file"
        aria-label="Upload a transcript file"
        accept=".vtt,.srt,.txt,text/vtt,text/plain"
        onChange={async (event) => {
          const file = event.target.files?.[0];
          if (!file) return;
          setText(await file.text());
          setSource('upload');
        }}
      />
      {tooLong && <p className="error">That is longer than a transcript can be.</p>}
      <button
        type="button"
        className="primary"
        disabled={!text.trim() || tooLong || store.isPending}
        onClick={() => store.mutate()}
      >
        {store.isPending ? 'Analysing…' : 'Analyse and keep'}
      </button>
      {store.error && (
        <p role="alert" className="error">
          {errorMessage(store.error)}
        </p>
      )}
    </section>
  );
}
