/** An emulator's TCP side (port 9100 style printers): a listener handing each socket to it. */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** Listens on `host`:`port` (0 picks a free one); resolves with the server and the address bound. */
export async function listenTcp(
  onSocket: (socket: Socket) => void,
  port: number,
  host: string,
): Promise<{ readonly server: Server; readonly host: string; readonly port: number }> {
  const server = createServer(onSocket);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return { server, host: address.address, port: address.port };
}
