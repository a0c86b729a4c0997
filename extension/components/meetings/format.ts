import { formatDate, memberDisplayName, type CarriedFrom, type Member } from '../../../core/index.ts';

/** A meeting time as people read it: "Tue 8 Dec, 17:00" (with the year when it is not this year's). */
export function meetingTime(iso: string): string {
  return formatDate(iso, { time: true });
}

/** A day as people read it: "Tue 8 Dec" (with the year when it is not this year's). */
export function meetingDay(isoOrMs: string | number): string {
  return formatDate(isoOrMs);
}

/** The label a carried-over item wears. */
export function carriedLabel(from: CarriedFrom): string {
  return `carried from ${meetingDay(from.scheduledFor)}`;
}

/** A member's display name, or a fallback for someone no longer in the workspace. */
export function memberName(members: readonly Member[] | undefined, id: string | null): string {
  if (id === null) return 'Nobody';
  return memberDisplayName(members ?? [], id);
}

/** A `<input type="datetime-local">` value for a time, in this device's time zone. */
export function localInputValue(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
