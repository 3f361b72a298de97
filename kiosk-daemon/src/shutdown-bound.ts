/**
 * How long the daemon's graceful stop may take (SIGTERM, SIGINT, a restart asked for by the fleet):
 * past it the process exits with 1 (`main.ts`), so a device that hangs on close does not keep the
 * kiosk from restarting. The journal's stop waits for its writes under way within it
 * (`journal/journal-stop.ts`).
 */
export const SHUTDOWN_BOUND_MS = 10_000;
