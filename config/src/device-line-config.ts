/**
 * What the device entries of `devices` share: how a device is reached (a serial line the daemon may
 * emulate itself, a TCP endpoint) and the counts their starting stock and capacities are given in.
 */
import { z } from 'zod';
import { nonEmpty } from './config-values.js';

export const count = z.int().min(0, { error: 'expected a whole number, 0 or more' });
export const positiveCount = z.int().positive({ error: 'expected a positive whole number' });

const baudRate = z.literal([1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200], {
  error: 'expected a standard baud rate (1200 … 115200)',
});
/**
 * A serial line that the daemon may emulate itself: either the `path` of a real port, or
 * `emulatedOnPseudoTerminal: true` (demo and test profiles), and the daemon starts the device's
 * byte-level emulator on one end of a pseudo-terminal pair and opens the real driver on the other.
 */
export function emulableSerialLine(defaultBaudRate: z.output<typeof baudRate>) {
  return {
    path: nonEmpty.optional(),
    baudRate: baudRate.default(defaultBaudRate),
    emulatedOnPseudoTerminal: z.boolean({ error: 'expected true or false' }).default(false),
  };
}

/** Exactly one of `path` and `emulatedOnPseudoTerminal: true`. */
export function checkOneLine(ctx: {
  value: { path?: string | undefined; emulatedOnPseudoTerminal: boolean };
  issues: z.core.$ZodRawIssue[];
}): void {
  const { path, emulatedOnPseudoTerminal } = ctx.value;
  if ((path === undefined) === emulatedOnPseudoTerminal) return;
  ctx.issues.push({
    code: 'custom',
    path: path === undefined ? ['path'] : ['emulatedOnPseudoTerminal'],
    input: path,
    message:
      path === undefined
        ? 'expected the serial port path, or emulatedOnPseudoTerminal: true'
        : 'give either path or emulatedOnPseudoTerminal: true, not both',
  });
}
export const tcpEndpoint = {
  host: nonEmpty,
  port: z.int().min(1, { error: 'expected a TCP port 1–65535' }).max(65535, {
    error: 'expected a TCP port 1–65535',
  }),
};
