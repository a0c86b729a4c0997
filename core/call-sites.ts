/**
 * The video-call sites Tandem recognises, in one place: the extension asks for
 * access to exactly these hosts and offers the side panel when a tab is in a call.
 * `URL` is a browser and Node global, not part of the language, so addresses are
 * taken apart with a regular expression here.
 */
export interface VideoCallSite {
  name: string;
  /** Chrome match patterns for the site's hosts: the extension's host permissions. */
  hostPatterns: readonly string[];
  /** Whether an https address on one of the site's hosts is a call (not a landing or settings page). */
  isCall(host: string, path: string, query: string, hash: string): boolean;
}

const MEET_CODE = /^\/[a-z]{3}-[a-z]{4}-[a-z]{3}\/?$/;
const ZOOM_WEB_CLIENT = /^\/wc\/(?:join\/)?\d{9,12}(?:\/|$)/;
const TEAMS_HOSTS = new Set(['teams.microsoft.com', 'teams.live.com', 'teams.cloud.microsoft']);

/** Google Meet meetings, the Zoom web client and Microsoft Teams on the web. */
export const VIDEO_CALL_SITES: readonly VideoCallSite[] = [
  {
    name: 'Google Meet',
    hostPatterns: ['https://meet.google.com/*'],
    isCall: (host, path) => host === 'meet.google.com' && MEET_CODE.test(path),
  },
  {
    name: 'Zoom',
    hostPatterns: ['https://*.zoom.us/*'],
    isCall: (host, path) => (host === 'zoom.us' || host.endsWith('.zoom.us')) && ZOOM_WEB_CLIENT.test(path),
  },
  {
    name: 'Microsoft Teams',
    hostPatterns: ['https://teams.microsoft.com/*', 'https://teams.live.com/*', 'https://teams.cloud.microsoft/*'],
    isCall: (host, path, query, hash) => TEAMS_HOSTS.has(host) && (
      path.startsWith('/l/meetup-join/') || /^\/(?:v2\/)?meet\/\d+/.test(path) || /[?&]meetingjoin=true(?:&|$)/.test(query)
      || /^#\/(?:l\/meetup-join|pre-join-calling|modern-calling)\//.test(hash)
    ),
  },
];

/** Every host pattern of {@link VIDEO_CALL_SITES}: what the manifest lists as `host_permissions`. */
export const VIDEO_CALL_HOST_PATTERNS: readonly string[] = VIDEO_CALL_SITES.flatMap((site) => site.hostPatterns);

const HTTPS_URL = /^https:\/\/([a-z0-9.-]+)(?::443)?(\/[^?#]*)?(\?[^#]*)?(#.*)?$/i;

/** The call site `url` is a call on, or undefined for any other address (including look-alike hosts). */
export function videoCallSite(url: string | undefined): VideoCallSite | undefined {
  const match = HTTPS_URL.exec(url ?? '');
  if (!match) return undefined;
  const host = match[1]!.toLowerCase().replace(/\.$/, '');
  const [path, query, hash] = [match[2] ?? '/', match[3] ?? '', match[4] ?? ''];
  return VIDEO_CALL_SITES.find((site) => site.isCall(host, path, query, hash));
}

/** True when `url` is a meeting in Google Meet, the Zoom web client or Microsoft Teams on the web. */
export function isVideoCallUrl(url: string | undefined): boolean {
  return videoCallSite(url) !== undefined;
}
