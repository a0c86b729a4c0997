/**
 * Escapes text typed by members so it reads as itself in Markdown: a title like
 * `*draft* [1]` must not turn into emphasis or a link.
 */
export function mdText(text: string): string {
  return text.replace(/[\\`*_[\]{}<>#|!~]/g, '\\$&').replace(/\r?\n/g, ' ');
}

/** A date-time as `2026-03-04 14:00 UTC`: the same for everyone who opens the file. */
export function mdDate(value: string | number): string {
  const iso = typeof value === 'number' ? new Date(value).toISOString() : value;
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** A link whose address cannot break out of the Markdown link syntax. */
export function mdLink(label: string, url: string): string {
  return `[${mdText(label)}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)`;
}
