/**
 * Fault: a process that serves a virtual card on vpcd and holds a PC/SC link froze for good when
 * pcscd restarted. pcsclite sets its context up on the JavaScript thread and waits for pcscd
 * without bound; pcscd just started accepts no client until each reader's first poll is done, and
 * vpcd's poll waits without bound for the card's answer to reset, which the card answers on that
 * same thread. A link retrying while pcscd polled the card left the three waiting on each other:
 * no card, no link, no timer of the process ever ran again. Now the binding asks pcscd first
 * without blocking (`askPcscd`), the card answering meanwhile, and makes the context once pcscd
 * answers.
 *
 * The real PC/SC stack: pcscd started by this suite, vpcd dialling the card (its reversed
 * connection, so the card is on the contacts whenever pcscd starts, as a card left in a real
 * reader is), killed and started again. The card and the link are in a process of their own (a
 * frozen process cannot report its own freeze): `HOLDER`, which says what it hears, a line each,
 * and answers "alive" when asked. The card takes a moment to answer reset (`ATR_MS`), so the link's
 * retries meet pcscd polling it at each restart. With CI=true a missing stack fails (in
 * pcsc-card-reader.e2e-spec).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { jest } from '@jest/globals';
import { missingPcscStack, PcscdProcess } from '../../src/card-reader/index.js';

jest.setTimeout(60_000);

const describePcsc = missingPcscStack() ? describe.skip : describe;
const READER = 'Virtual PCD 00 00';
/** how long the card takes to answer reset: several of the link's retries (every 50 to 100 ms) */
const ATR_MS = 300;
/** how long the card and the link may take to be back after pcscd is (about a second when all is well) */
const BACK_MS = 15_000;
const RESTARTS = 5;

/**
 * The process holding the card and the link: the card listens on two free ports in a row (vpcd's
 * two slots; it says "listening <port>"), answers reset after `ATR_MS` and every command 90 00;
 * the link on the first slot, started when the spec says "link", retries every 50 to 100 ms.
 */
const HOLDER = `const [driversUrl, readerName, atrMs] = process.argv.slice(1);
const { createServer } = await import('node:net');
const { PcscChipLink, VpcdFramer, vpcdFrame, VPCD_CONTROL } = await import(driversUrl);
const atr = Buffer.from('3B8A80015353434152442D4A5A3311', 'hex');
const card = createServer((socket) => {
  const framer = new VpcdFramer();
  socket.on('error', () => undefined);
  socket.on('data', (chunk) => {
    for (const message of framer.push(chunk)) {
      const answer = (reply) => !socket.destroyed && socket.write(vpcdFrame(reply));
      if (message.length > 1) answer(Buffer.from([0x90, 0x00]));
      else if (message[0] === VPCD_CONTROL.GET_ATR) setTimeout(() => answer(atr), Number(atrMs));
    }
  });
});
const listen = (server, port) => new Promise((resolve) => {
  server.once('error', () => resolve(false));
  server.listen(port, '127.0.0.1', () => resolve(true));
});
let base = 0;
for (let i = 0; i < 50 && !base; i += 1) {
  const port = 20000 + Math.floor(Math.random() * 6000) * 2;
  const second = createServer(card.listeners('connection')[0]);
  if (!(await listen(card, port))) continue;
  if (await listen(second, port + 1)) base = port;
  else card.close();
}
const link = new PcscChipLink({ readerName, reconnectIntervalMs: 50, maxReconnectIntervalMs: 100, closeTimeoutMs: 500 });
link.onState((state) => console.log('link ' + state));
link.onPresence((seen) => console.log('card ' + String(seen)));
process.stdin.on('data', (line) => (String(line).startsWith('link') ? void link.start(0) : console.log('alive')));
console.log('listening ' + base);`;
const DRIVERS = new URL('../../dist/index.js', import.meta.url).href;

/** The holder's lines, waited for in order. */
class Holder {
  readonly child: ChildProcess;
  private readonly lines: string[] = [];
  private seen = 0;
  private readonly listeners = new Set<() => void>();

  constructor() {
    this.child = spawn(
      process.execPath,
      ['--input-type=module', '-e', HOLDER, DRIVERS, READER, String(ATR_MS)],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    const hear = (line: string) => {
      this.lines.push(line);
      for (const listener of this.listeners) listener();
    };
    createInterface({ input: this.child.stdout! }).on('line', hear);
    createInterface({ input: this.child.stderr! }).on('line', hear);
  }

  /** The next line after those already taken that `wanted` accepts, within `ms`; else what was heard. */
  next(wanted: (line: string) => boolean, ms: number, what: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const look = () => {
        const at = this.lines.findIndex((line, i) => i >= this.seen && wanted(line));
        if (at < 0) return;
        this.seen = at + 1;
        done();
        resolve(this.lines[at]!);
      };
      const timer = setTimeout(() => {
        done();
        void this.alive().then((alive) =>
          reject(
            new Error(
              `${what} did not come within ${ms} ms; the holder ${alive ? 'still runs' : 'is frozen (no answer)'}` +
                `, it said: ${this.lines.slice(-12).join(', ')}`,
            ),
          ),
        );
      }, ms);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(look);
      };
      this.listeners.add(look);
      look();
    });
  }

  /** Whether the holder's event loop answers within a second. */
  private async alive(): Promise<boolean> {
    const from = this.lines.length;
    this.child.stdin?.write('?\n');
    for (let waited = 0; waited < 1000; waited += 50) {
      if (this.lines.slice(from).includes('alive')) return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return false;
  }

  async end(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGKILL');
    await exited;
  }
}

describePcsc('a virtual card on vpcd and a PC/SC link in one process, through pcscd restarts', () => {
  let holder: Holder;
  let pcscd: PcscdProcess | undefined;

  beforeAll(async () => {
    holder = new Holder();
    const listening = await holder.next(
      (line) => line.startsWith('listening '),
      30_000,
      'the card listening',
    );
    const port = Number(listening.slice('listening '.length));
    expect(port).toBeGreaterThan(0);
    // pcscd is machine-wide: suites that need it take turns, so wait longer than the lock does
    pcscd = await PcscdProcess.start({ lockTimeoutMs: 240_000, cardsListenOn: port });
    // the link from now on: before, another suite's pcscd (one per machine, in turns) may answer
    holder.child.stdin?.write('link\n');
  }, 300_000);
  afterAll(async () => {
    await holder?.end(); // first: a pcscd waiting for a frozen card would not stop in time
    await pcscd?.stop();
  });

  it(`fault: pcscd started and restarted while it polls the card: the link and the card are back each time (${RESTARTS} restarts), the process never frozen`, async () => {
    await holder.next((line) => line === 'card true', BACK_MS, 'the card seen through the link at the start');
    for (let restart = 1; restart <= RESTARTS; restart += 1) {
      await pcscd!.kill();
      await holder.next((line) => line === 'link offline', BACK_MS, `the link offline (kill ${restart})`);
      await pcscd!.restart();
      await holder.next(
        (line) => line === 'card true',
        BACK_MS,
        `the card seen again after restart ${restart}`,
      );
    }
  });
});
