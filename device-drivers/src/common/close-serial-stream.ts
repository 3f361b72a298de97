/** Closing a device's line so that nothing reads it afterwards. */
import type { Duplex } from 'node:stream';

/** A serial port stream: `destroy()` alone would leave its file descriptor open and read. */
interface ClosablePort {
  readonly isOpen: boolean;
  close(callback: (error?: Error | null) => void): void;
}

function isClosablePort(stream: object): stream is ClosablePort {
  return 'isOpen' in stream && typeof (stream as { close?: unknown }).close === 'function';
}

/** Closes a stream (a serial port closes its file descriptor) and resolves once it is closed. */
export function closeSerialStream(stream: Duplex): Promise<void> {
  if (isClosablePort(stream)) {
    if (!stream.isOpen) return Promise.resolve();
    return new Promise((resolve) => stream.close(() => resolve()));
  }
  if (stream.closed) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once('close', () => resolve());
    stream.destroy();
  });
}
