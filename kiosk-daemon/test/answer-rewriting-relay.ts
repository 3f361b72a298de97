/**
 * Test support: an HTTP relay between the daemon and the host simulator that plays a back office
 * one release ahead in its lists: the answers of the routes a spec names are rewritten on their way
 * to the kiosk (a value the kiosk does not know put in a field), everything else passes as it is.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';

export interface AnswerRewrite {
  readonly method: 'GET' | 'POST';
  /** matched against the request's path and query */
  readonly path: RegExp;
  /** the answer's JSON as the host sent it → what reaches the kiosk */
  readonly rewrite: (answer: Record<string, unknown>) => unknown;
}

export class AnswerRewritingRelay {
  /** the rewrites in force; a spec sets and clears them between journeys */
  rewrites: AnswerRewrite[] = [];
  /** how many answers were rewritten, by the rewrite's path */
  readonly rewritten = new Map<string, number>();
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

  private async relay(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = req.url ?? '/';
    const rule = this.rewrites.find((r) => r.method === req.method && r.path.test(path));
    const upstream = httpRequest(
      new URL(path, this.target),
      { method: req.method, headers: req.headers },
      (answer) => {
        const body: Buffer[] = [];
        answer.on('data', (c: Buffer) => body.push(c));
        answer.on('end', () => {
          let out = Buffer.concat(body);
          const status = answer.statusCode ?? 502;
          const headers = { ...answer.headers };
          if (rule && status < 300) {
            const json = JSON.parse(out.toString('utf8')) as Record<string, unknown>;
            out = Buffer.from(JSON.stringify(rule.rewrite(json)), 'utf8');
            headers['content-length'] = String(out.length);
            const key = String(rule.path);
            this.rewritten.set(key, (this.rewritten.get(key) ?? 0) + 1);
          }
          res.writeHead(status, headers);
          res.end(out);
        });
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end();
    });
    upstream.end(Buffer.concat(chunks));
  }
}
