/**
 * Test support: an HTTP relay between the daemon and the host simulator that plays the network's
 * faults on payment orders. It can hold the kiosk's payment polls (so a payment lands at the host
 * before the kiosk sees it) and swallow the answers of closes (the close lands, the kiosk times
 * out and tries again by its key). Every close's idempotency key is kept for the spec to read, and
 * what became of each poll held (whether its answer, once let go, still found the kiosk asking).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpRelay } from './http-relay.js';

/** A relay in front of the host that can hold polls and swallow close answers. */
export class FaultRelay extends HttpRelay {
  holdPolls = false;
  /** the next closes are forwarded, but their answers never reach the kiosk */
  swallowCloses = 0;
  /** the closes whose answers were swallowed that the kiosk gave up on (it hangs up at its host timeout) */
  swallowedGivenUp = 0;
  readonly closeKeys: string[] = [];
  private readonly held: (() => void)[] = [];
  /** each poll held: settled when its exchange with the kiosk is over, true if its answer reached the kiosk */
  private readonly heldPolls: Promise<boolean>[] = [];

  /**
   * How many of the polls held had their answer reach the kiosk, once every one is over: let go,
   * answered by the host and written to the kiosk, or given up by the kiosk (it hung up).
   */
  async heldPollsAnswered(): Promise<number> {
    return (await Promise.all(this.heldPolls)).filter(Boolean).length;
  }

  private readonly pollHeldWaiters: (() => void)[] = [];

  /** Resolves once one of the kiosk's polls is held (at once if one is). */
  pollHeld(): Promise<void> {
    if (this.held.length > 0) return Promise.resolve();
    return new Promise((resolve) => this.pollHeldWaiters.push(resolve));
  }

  releasePolls(): void {
    this.holdPolls = false;
    for (const go of this.held.splice(0)) go();
  }

  override async stop(): Promise<void> {
    this.releasePolls();
    await super.stop();
  }

  protected async relay(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await this.bodyOf(req);
    const path = req.url ?? '/';
    if (this.holdPolls && req.method === 'GET' && /^\/v1\/payments\//.test(path)) {
      // over when the kiosk's connection closes: after the whole answer, or before (given up)
      this.heldPolls.push(new Promise((over) => res.once('close', () => over(res.writableFinished))));
      const letGo = new Promise<void>((resolve) => this.held.push(resolve));
      for (const told of this.pollHeldWaiters.splice(0)) told();
      await letGo;
    }
    const closing = req.method === 'POST' && /^\/v1\/payments\/[^/]+\/close$/.test(path);
    if (closing) this.closeKeys.push(String(req.headers['idempotency-key']));
    const swallow = closing && this.swallowCloses > 0;
    if (swallow) {
      this.swallowCloses -= 1;
      // its answer never written: the exchange is over only when the kiosk hangs up
      res.once('close', () => (this.swallowedGivenUp += 1));
    }
    this.forward(req, res, body, (answer) => {
      if (swallow) return; // the close landed; its answer is lost on the way back
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    });
  }
}
