/** A time as the operator reads it: date and time in the page's language, local time zone. */
export function formatTime(iso: string, language: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(language, { dateStyle: 'short', timeStyle: 'medium', hour12: false });
}
