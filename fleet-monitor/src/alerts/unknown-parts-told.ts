/**
 * What the ingest tells of a newer kiosk's messages (ADR 0018): each field or value this monitor
 * does not know once per channel, list positions left out (`devices.2.kind` and `devices.0.kind`
 * are one part), and at most `MAX_UNKNOWN_TOLD` parts in all: a fleet a release ahead sends the
 * same few on every message, and the log must not grow with the fleet's traffic.
 */

/** how many distinct unknown fields and values the ingest tells (then it only counts) */
export const MAX_UNKNOWN_TOLD = 200;

export class UnknownPartsTold {
  private readonly told = new Set<string>();

  /** The parts of a message on `channel` not told before, each marked told now (none past the bound). */
  firstTimes(channel: string, parts: readonly string[]): string[] {
    const first: string[] = [];
    for (const part of parts) {
      const key = `${channel} ${part.replace(/\.\d+(?=[.=]|$)/g, '')}`;
      if (this.told.has(key) || this.told.size >= MAX_UNKNOWN_TOLD) continue;
      this.told.add(key);
      first.push(part);
    }
    return first;
  }
}
