import { describe, expect, it } from 'vitest';
import { isVideoCallUrl, VIDEO_CALL_HOST_PATTERNS, videoCallSite } from '../../core/index.ts';

describe('video call sites', () => {
  it.each([
    ['https://meet.google.com/abc-defg-hij', 'Google Meet'],
    ['https://meet.google.com/xyz-abcd-efg?authuser=1&pli=1', 'Google Meet'],
    ['https://app.zoom.us/wc/84512345678/join?fromPWA=1', 'Zoom'],
    ['https://us02web.zoom.us/wc/join/91234567890', 'Zoom'],
    ['https://zoom.us/wc/123456789/start', 'Zoom'],
    ['https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ%40thread.v2/0?context=%7b%7d', 'Microsoft Teams'],
    ['https://teams.live.com/meet/9385551234567?p=AbCdEf', 'Microsoft Teams'],
    ['https://teams.microsoft.com/v2/?meetingjoin=true#/l/meetup-join/19:meeting_x@thread.v2/0', 'Microsoft Teams'],
  ])('recognises %s as a call', (url, site) => {
    expect(videoCallSite(url)?.name).toBe(site);
    expect(isVideoCallUrl(url)).toBe(true);
  });

  it.each([
    'https://meet.google.com/',
    'https://meet.google.com/landing',
    'https://meet.google.com.evil.example/abc-defg-hij',
    'https://evil.example/meet.google.com/abc-defg-hij',
    'https://meet.google.com@evil.example/abc-defg-hij',
    'http://meet.google.com/abc-defg-hij',
    'https://notmeet.google.com/abc-defg-hij',
    'https://zoom.us/j/84512345678',
    'https://app.zoom.us/wc/home',
    'https://notzoom.us/wc/84512345678/join',
    'https://zoom.us.evil.example/wc/84512345678/join',
    'https://teams.microsoft.com/v2/',
    'https://teams.microsoft.com.evil.example/l/meetup-join/19%3ameeting',
    'https://example.com/?next=https://meet.google.com/abc-defg-hij',
    'chrome://extensions',
    '',
    undefined,
  ])('does not take %s for a call', (url) => {
    expect(isVideoCallUrl(url)).toBe(false);
  });

  it('asks for exactly the call sites\' hosts', () => {
    expect(VIDEO_CALL_HOST_PATTERNS).toEqual([
      'https://meet.google.com/*', 'https://*.zoom.us/*',
      'https://teams.microsoft.com/*', 'https://teams.live.com/*', 'https://teams.cloud.microsoft/*',
    ]);
  });
});
