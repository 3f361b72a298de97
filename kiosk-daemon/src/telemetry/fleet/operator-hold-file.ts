/**
 * An operator's out-of-service hold outlives a restart: it is kept in `fleet-hold.json` beside the
 * journal (written atomically) and applied again at boot, so a kiosk taken out of service from the
 * fleet and then restarted stays out of service until an operator puts it back. Read open (ADR
 * 0018): a field a newer release added is left out, so after a rollback the hold keeps its reason.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { KioskConfig } from '@kiosk/config';
import { removeKeptFile, removeTempLeftByCutWrite, writeKeptFile } from '@kiosk/device-drivers';

const HoldSchema = z.object({
  reason: z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/),
  commandId: z.string().max(64),
  at: z.string().max(40),
});
export type OperatorHold = z.infer<typeof HoldSchema>;

export class OperatorHoldFile {
  constructor(private readonly file: string | undefined) {}

  static beside(config: KioskConfig): OperatorHoldFile {
    return new OperatorHoldFile(
      config.journal.path === ':memory:' ? undefined : join(dirname(config.journal.path), 'fleet-hold.json'),
    );
  }

  /**
   * The hold kept, if any; a file that does not read counts as a hold (the safe side) with a default
   * reason. Read at boot, before any write: the temp of a write cut before its rename (a hold that
   * never took effect) is removed, so it is not taken for one (`removeTempLeftByCutWrite`).
   */
  read(fallbackReason: string): OperatorHold | undefined {
    if (!this.file) return undefined;
    removeTempLeftByCutWrite(this.file);
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      return { reason: fallbackReason, commandId: 'unknown', at: new Date().toISOString() };
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const parsed = HoldSchema.safeParse(body);
    return parsed.success
      ? parsed.data
      : { reason: fallbackReason, commandId: 'unknown', at: new Date().toISOString() };
  }

  write(hold: OperatorHold): void {
    if (!this.file) return;
    writeKeptFile(this.file, hold);
  }

  clear(): void {
    // flushed: a hold lifted must not come back after a power cut (the kiosk would stay out of service)
    if (this.file) removeKeptFile(this.file);
  }
}
