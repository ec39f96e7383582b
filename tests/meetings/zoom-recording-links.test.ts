import { describe, expect, it } from 'vitest';
import type { ZoomMeetingRecordings } from '../../backend/integrations/connections/zoom.ts';
import { dayOf } from '../../backend/meetings/call-records/same-day-title.ts';
import { searchWindows } from '../../backend/meetings/zoom/find-zoom-recording.ts';
import { showsRecording, zoomLinksOf } from '../../backend/meetings/zoom/zoom-links.ts';
import { zoomRecordingLinkOf } from '../../shared/zoom-recording-link.ts';

describe('reading a Zoom recording link', () => {
  it('takes the token of a share or play link on any of Zoom’s hosts, its query left off', () => {
    expect(zoomRecordingLinkOf('https://zoom.us/rec/share/kT4f.Qx9-Jd_2?startTime=1700000000000')).toEqual({
      kind: 'share',
      token: 'kT4f.Qx9-Jd_2',
    });
    expect(zoomRecordingLinkOf('https://us06web.zoom.us/rec/play/Hq8R%2Bw2?pwd=abc')).toEqual({
      kind: 'play',
      token: 'Hq8R%2Bw2',
    });
    expect(zoomRecordingLinkOf('https://acme.zoomgov.com/recording/play/Gov.Tok')).toEqual({
      kind: 'play',
      token: 'Gov.Tok',
    });
  });

  it('reads nothing from another site, a Zoom page that is no recording, or no URL', () => {
    expect(zoomRecordingLinkOf('https://evil.example/rec/share/kT4f')).toBeNull();
    expect(zoomRecordingLinkOf('https://notzoom.us/rec/play/kT4f')).toBeNull();
    expect(zoomRecordingLinkOf('https://zoom.us/recording/detail?meeting_id=abc%3D%3D')).toBeNull();
    expect(zoomRecordingLinkOf('not a url')).toBeNull();
    expect(zoomRecordingLinkOf(undefined)).toBeNull();
  });

  it('a meeting’s recording is shown by its share page, each file’s play page and its UUID, and no other', () => {
    const recording: ZoomMeetingRecordings = {
      uuid: 'BOKXuumlTAGXuqwr3bLyuQ==',
      id: 6840331990,
      topic: 'My Personal Meeting',
      start_time: '2021-03-18T05:41:36Z',
      share_url: 'https://zoom.us/rec/share/Sh4re.Tok',
      recording_files: [
        {
          id: 'a',
          file_type: 'MP4',
          download_url: 'https://zoom.us/rec/download/a',
          play_url: 'https://zoom.us/rec/play/Vid.Tok',
        },
        {
          id: 'b',
          file_type: 'M4A',
          download_url: 'https://zoom.us/rec/download/b',
          play_url: 'https://zoom.us/rec/play/Aud.Tok',
        },
        { id: 'c', file_type: 'TIMELINE', download_url: 'https://zoom.us/rec/download/c' },
      ],
    };
    expect(zoomLinksOf(recording)).toEqual([
      { kind: 'share', token: 'Sh4re.Tok' },
      { kind: 'play', token: 'Vid.Tok' },
      { kind: 'play', token: 'Aud.Tok' },
    ]);
    for (const id of ['Sh4re.Tok', 'Aud.Tok', 'BOKXuumlTAGXuqwr3bLyuQ=='])
      expect(showsRecording(recording, id)).toBe(true);
    expect(showsRecording(recording, 'Other.Tok')).toBe(false);
  });
});

describe('the day a recording page shows', () => {
  it('is the calendar day in the offset the start time is written with', () => {
    expect(dayOf('2026-06-02T17:10:00-07:00')).toEqual({
      from: new Date('2026-06-02T07:00:00Z'),
      to: new Date('2026-06-03T07:00:00Z'),
    });
    expect(dayOf('2026-06-02T01:30:00+05:30')).toEqual({
      from: new Date('2026-06-01T18:30:00Z'),
      to: new Date('2026-06-02T18:30:00Z'),
    });
    expect(dayOf('2026-06-02T23:59:59Z')).toEqual({
      from: new Date('2026-06-02T00:00:00Z'),
      to: new Date('2026-06-03T00:00:00Z'),
    });
    expect(dayOf('Tuesday afternoon')).toBeNull();
  });

  it('is searched in Zoom as the UTC days around it; with no start time, the last three months a month at a time', () => {
    const now = new Date('2026-12-02T03:00:00Z');
    expect(searchWindows(now, '2026-06-02T17:10:00-07:00')).toEqual([
      { from: '2026-06-01', to: '2026-06-03' },
    ]);
    expect(searchWindows(now, undefined)).toEqual([
      { from: '2026-11-02', to: '2026-12-02' },
      { from: '2026-10-03', to: '2026-11-02' },
      { from: '2026-09-03', to: '2026-10-03' },
    ]);
  });
});
