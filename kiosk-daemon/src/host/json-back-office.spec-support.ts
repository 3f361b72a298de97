/**
 * What the host client specs share: a back office on a local HTTP port that answers every request
 * with 200 and the JSON `answerOf` gives for it, and the kiosk's real HTTP client of it. The spec
 * closes it at its end, or takes it for the whole file with `cannedBackOffice`.
 */
import { afterAll, beforeAll } from '@jest/globals';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { HostHttpClient } from './host-http.client.js';

export interface JsonBackOffice {
  readonly client: HostHttpClient;
  close(): Promise<void>;
}

export function startJsonBackOffice(answerOf: (req: IncomingMessage) => unknown): Promise<JsonBackOffice> {
  return startBackOffice((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answerOf(req)));
  });
}

/** A back office (or what stands in its place: a proxy, a gateway) answering as `answer` does. */
export async function startBackOffice(
  answer: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<JsonBackOffice> {
  const server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const client = new HostHttpClient({
    baseUrl: `http://127.0.0.1:${port}`,
    kioskId: 'K-TEST',
    kioskKey: 'test-key',
    timeoutMs: 2_000,
  });
  return {
    client,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * For a spec file: the back office started before its tests and closed after them, answering
 * whatever the spec last put in `answer`.
 */
export function cannedBackOffice(): { answer: unknown; readonly client: HostHttpClient } {
  let started: JsonBackOffice | undefined;
  const canned = {
    answer: undefined as unknown,
    get client(): HostHttpClient {
      if (!started) throw new Error('the back office starts before the tests');
      return started.client;
    },
  };
  beforeAll(async () => {
    started = await startJsonBackOffice(() => canned.answer);
  });
  afterAll(() => started?.close());
  return canned;
}
