/**
 * Whether recovery is at work on the devices right now: the self test (the devices opened, what a
 * crash left settled), or a late settlement once the cash dispenser or the card printer answers
 * again. Field staff may log in meanwhile, but their device acts wait until it has finished
 * (`guardStaffAction`: MAINTENANCE_KIOSK_SETTLING), so a refill, a bin emptied, a jam cleared or a
 * test dispense never runs beside recovery's own work on the same device.
 */
export class RecoveryAtWork {
  private running = 0;

  /** true while any work of recovery runs */
  get busy(): boolean {
    return this.running > 0;
  }

  /** `work` counted as recovery at work until it settles, whichever way. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    this.running += 1;
    try {
      return await work();
    } finally {
      this.running -= 1;
    }
  }
}
