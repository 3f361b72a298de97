/**
 * Test support: an HTTP relay between the daemon and the host simulator that plays the network's
 * faults on payment orders. It can hold the kiosk's payment polls (so a payment lands at the host
 * before the kiosk sees it) and swallow the answers of closes (the close lands, the kiosk times
 * out and tries again by its key). Every close's idempotency key is kept for the spec to read.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';

/** A relay in front of the host that can hold polls and swallow close answers. */
export class FaultRelay {
  holdPolls = false;
  /** the next closes are forwarded, but their answers never reach the kiosk */
  swallowCloses = 0;
  readonly closeKeys: string[] = [];
  private readonly held: (() => void)[] = [];
  private server!: Server;
  url = '';

  constructor(private readonly target: string) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.relay(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address() as { port: number };
    this.url = `http://127.0.0.1:${address.port}`;
  }

  releasePolls(): void {
    this.holdPolls = false;
    for (const go of this.held.splice(0)) go();
  }

  async stop(): Promise<void> {
    this.releasePolls();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async relay(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = req.url ?? '/';
    if (this.holdPolls && req.method === 'GET' && /^\/v1\/payments\//.test(path)) {
      await new Promise<void>((resolve) => this.held.push(resolve));
    }
    const closing = req.method === 'POST' && /^\/v1\/payments\/[^/]+\/close$/.test(path);
    if (closing) this.closeKeys.push(String(req.headers['idempotency-key']));
    const swallow = closing && this.swallowCloses > 0;
    if (swallow) this.swallowCloses -= 1;
    const upstream = httpRequest(
      new URL(path, this.target),
      { method: req.method, headers: req.headers },
      (answer) => {
        const body: Buffer[] = [];
        answer.on('data', (c: Buffer) => body.push(c));
        answer.on('end', () => {
          if (swallow) return; // the close landed; its answer is lost on the way back
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(Buffer.concat(body));
        });
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end();
    });
    upstream.end(Buffer.concat(chunks));
  }
}
