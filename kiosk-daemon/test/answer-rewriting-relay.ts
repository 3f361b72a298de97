/**
 * Test support: an HTTP relay between the daemon and the host simulator that plays a back office
 * one release ahead in its lists: the answers of the routes a spec names are rewritten on their way
 * to the kiosk (a value the kiosk does not know put in a field), everything else passes as it is.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpRelay } from './http-relay.js';

export interface AnswerRewrite {
  readonly method: 'GET' | 'POST';
  /** matched against the request's path and query */
  readonly path: RegExp;
  /** the answer's JSON as the host sent it → what reaches the kiosk */
  readonly rewrite: (answer: Record<string, unknown>) => unknown;
}

export class AnswerRewritingRelay extends HttpRelay {
  /** the rewrites in force; a spec sets and clears them between journeys */
  rewrites: AnswerRewrite[] = [];
  /** how many answers were rewritten, by the rewrite's path */
  readonly rewritten = new Map<string, number>();

  protected async relay(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await this.bodyOf(req);
    const path = req.url ?? '/';
    const rule = this.rewrites.find((r) => r.method === req.method && r.path.test(path));
    this.forward(req, res, body, (answer) => {
      let out = answer.body;
      const headers = { ...answer.headers };
      if (rule && answer.status < 300) {
        const json = JSON.parse(out.toString('utf8')) as Record<string, unknown>;
        out = Buffer.from(JSON.stringify(rule.rewrite(json)), 'utf8');
        headers['content-length'] = String(out.length);
        const key = String(rule.path);
        this.rewritten.set(key, (this.rewritten.get(key) ?? 0) + 1);
      }
      res.writeHead(answer.status, headers);
      res.end(out);
    });
  }
}
