/**
 * Test support: an HTTP relay between the daemon and the host simulator on a local port. A spec's
 * relay says what it does to a request (`relay`) and sends it on with `forward`; the relay
 * answers 502 where the host cannot be reached.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';

/** The host's answer as it came back: status, headers and the whole body. */
export interface HostAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export abstract class HttpRelay {
  private server!: Server;
  url = '';

  constructor(private readonly target: string) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.relay(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address() as { port: number };
    this.url = `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** One request of the kiosk's, from its arrival to its answer. */
  protected abstract relay(req: IncomingMessage, res: ServerResponse): Promise<void>;

  /** The request's body, read whole. */
  protected async bodyOf(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** Sends the request on to the host; `answered` gets the host's answer, whole. */
  protected forward(
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    answered: (answer: HostAnswer) => void,
  ): void {
    const upstream = httpRequest(
      new URL(req.url ?? '/', this.target),
      { method: req.method, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () =>
          answered({
            status: answer.statusCode ?? 502,
            headers: answer.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end();
    });
    upstream.end(body);
  }
}
