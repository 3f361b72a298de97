/**
 * A TCP relay in front of a broker for tests that take a client off the broker and bring it back:
 * shut, it cuts the connections through it and refuses new ones (the far end sees the link drop,
 * as when a kiosk's line goes down); open, it relays again.
 */
import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';

export interface TcpGate {
  /** `mqtt://127.0.0.1:<port>` of the relay */
  readonly url: string;
  /** false: new connections are refused */
  open: boolean;
  /** Cuts every connection through the gate and refuses new ones until `open` is set again. */
  shut(): void;
  close(): Promise<void>;
}

export async function openTcpGate(port: number, host = '127.0.0.1'): Promise<TcpGate> {
  const sockets = new Set<Socket>();
  const server = createServer((inbound) => {
    if (!gate.open) return void inbound.destroy();
    const outbound = connect(port, host);
    for (const socket of [inbound, outbound]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    inbound.pipe(outbound).pipe(inbound);
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => inbound.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address() as { port: number };
  const gate: TcpGate = {
    url: `mqtt://127.0.0.1:${address.port}`,
    open: true,
    shut() {
      gate.open = false;
      for (const socket of sockets) socket.destroy();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return gate;
}
