import { zoomRecordingLinkOf } from '../../../shared/zoom-recording-link.ts';
import type { ZoomMeetingRecordings } from '../../integrations/connections/zoom.ts';
import type { RecordingLink } from '../call-records/recording-links.ts';

/** The pages that show a meeting's recording: its share link and each file's play link. */
export function zoomLinksOf(recording: ZoomMeetingRecordings): RecordingLink[] {
  const links = [recording.share_url, ...recording.recording_files.map((f) => f.play_url)];
  return links.flatMap((link) => {
    const parsed = zoomRecordingLinkOf(link);
    return parsed ? [parsed] : [];
  });
}

/** Whether this recording is the one a page with this id shows. */
export function showsRecording(recording: ZoomMeetingRecordings, recordingId: string): boolean {
  return recording.uuid === recordingId || zoomLinksOf(recording).some((link) => link.token === recordingId);
}
