/**
 * Which of the secrets show in a text (socket.io traffic, log lines, a journal dump, the host's
 * audit). A secret of digits only (a PIN) counts as shown when it stands as a number of its own,
 * not as six digits inside a longer one: the logs and the traffic carry millisecond timestamps and
 * sequence numbers, and a 6-digit PIN turns up inside a 13-digit time now and then, a false alarm
 * that made privacy specs fail about once in some hundred runs. A PIN sent anywhere is still
 * caught: quoted, in JSON, after a key or alone on a line.
 */
export function secretsShownIn(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((secret) =>
    /^\d+$/.test(secret) ? new RegExp(`(?<!\\d)${secret}(?!\\d)`).test(text) : text.includes(secret),
  );
}
