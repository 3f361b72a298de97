/**
 * Whether the real PC/SC stack is here for a test or a bench that drives it: pcscd and the vpcd
 * driver installed (`pcscdAvailability`) and the pcsclite binding loading. The suites' rule on top
 * of it: with CI=true a missing stack fails the run (CI installs it); elsewhere the suite is left
 * out.
 */
import { pcscdAvailability } from './pcscd.process.js';
import { loadPcsclite } from './pcsclite.types.js';

/** What the PC/SC stack lacks here, as a sentence saying what to install; undefined when it is whole. */
export function missingPcscStack(): string | undefined {
  const availability = pcscdAvailability();
  if (!availability.ok) return availability.reason;
  return loadPcsclite() ? undefined : 'the pcsclite binding did not load';
}
