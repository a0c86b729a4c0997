/** Saves `text` as a file the way a link with `download` does: no permission needed, nothing uploaded. */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once it started; a later revoke keeps it from being cut off.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
