/**
 * The bare-TCP baseline of the device benches: the same bytes a driver sends, written to a socket
 * whose far end only counts them and answers one byte, so a ratio shows what the driver and the
 * emulator add on top of loopback TCP.
 */
import { createServer, type AddressInfo, type Socket } from 'node:net';

/** A TCP sink that counts bytes and answers one byte once `expected` arrived on a connection. */
export async function countingSink(expected: number): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    let got = 0;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      got += chunk.length;
      if (got >= expected) {
        got -= expected;
        socket.write(Uint8Array.of(0x01));
      }
    });
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Writes the bytes and waits for the sink's one-byte answer. */
export function sendRaw(socket: Socket, bytes: Buffer): Promise<void> {
  return new Promise((resolve) => {
    socket.once('data', () => resolve());
    socket.write(bytes);
  });
}
