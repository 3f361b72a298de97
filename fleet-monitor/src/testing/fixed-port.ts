/**
 * Ports for test servers that stop and start again on the same port (a broker, a daemon): taken
 * below the machine's ephemeral range (32768 and up on Linux), as the fixed ports of a terminal
 * or a broker in the field are. A kernel-chosen port that is free while its server is down can be
 * handed to another suite's listener or to an outgoing connection (one to that very port can even
 * connect to itself), and the restart then fails or the clients talk to the wrong thing.
 */
import { createServer } from 'node:net';

export async function portBelowEphemeralRange(host = '127.0.0.1'): Promise<number> {
  for (let tries = 0; tries < 50; tries += 1) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, host, () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port between 20000 and 32000 after 50 tries');
}
