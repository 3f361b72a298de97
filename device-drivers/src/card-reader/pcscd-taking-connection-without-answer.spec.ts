/**
 * Fault: pcscd takes a client's connection and does not answer (it answers none before each
 * reader's first poll is done, and vpcd's poll waits without bound for a virtual card). pcsclite's
 * set-up waited for it on the JavaScript thread without bound, so a card of this process could not
 * answer pcscd and the process froze for good. Now the binding as loaded asks pcscd first on the
 * event loop (`askPcscd`): pcscd silent past the bound, the set-up fails DEVICE_OFFLINE without
 * calling the binding, and the link tries again with its backoff; closed meanwhile, it stops.
 *
 * pcscd here is a socket of the spec's that takes connections and answers as each case says; the
 * binding's blocking call is a fake that counts its calls (on this pcscd the real one would block).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { PcscChipLink } from './pcsc-chip.link.js';
import { askPcscd } from './pcscd-answers.js';
import { askingPcscdFirst, type PcscLiteFactory } from './pcsclite.types.js';

/** A pcscd socket that takes connections and does what `answer` says with each request. */
async function pcscdSocket(answer: (socket: Socket) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'pcscd-socket-'));
  const path = join(dir, 'pcscd.comm');
  const requests: Buffer[] = [];
  const clients = new Set<Socket>();
  const server: Server = createServer((socket) => {
    clients.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => clients.delete(socket));
    socket.on('data', (chunk) => {
      requests.push(chunk);
      answer(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  const close = async () => {
    for (const client of clients) client.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  };
  return { path, requests, clients, close };
}

/**
 * A pcscd that listens one deep and accepts nobody (its loop held, as by its readers' first polls)
 * until the spec writes a line to it, then answers.
 */
const BUSY_PCSCD = `const { createServer } = require('node:net');
const { readSync, writeSync } = require('node:fs');
const server = createServer((socket) => socket.on('data', () => socket.write(Buffer.alloc(4))));
server.listen(process.argv[1], 1, () => {
  writeSync(1, 'listening\\n');
  readSync(0, Buffer.alloc(1));
});`;

/** What a client connecting to `path` meets: taken, or turned away with its error's code. */
function connecting(path: string): Promise<string> {
  return new Promise((resolve) => {
    const client = connect(path);
    client.once('connect', () => {
      client.destroy();
      resolve('taken');
    });
    client.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

describe('pcscd taking the connection without an answer', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  it("asks with pcsc-lite's readers-state request and tells answered, absent, hung up and aborted apart", async () => {
    const answering = await pcscdSocket((socket) => socket.write(Buffer.alloc(4)));
    const hangingUp = await pcscdSocket((socket) => socket.destroy());
    const silent = await pcscdSocket(() => undefined);
    closers.push(answering.close, hangingUp.close, silent.close);

    expect(await askPcscd(1000, undefined, answering.path)).toBe('answered');
    const header = answering.requests[0]!;
    expect([header.length, header.readUInt32LE(0), header.readUInt32LE(4)]).toEqual([8, 0, 0x12]);
    expect(await askPcscd(1000, undefined, hangingUp.path)).toBe('hungUp');
    expect(await askPcscd(1000, undefined, join(tmpdir(), 'no-pcscd-here', 'pcscd.comm'))).toBe('absent');

    const abort = new AbortController();
    const asked = askPcscd(10_000, abort.signal, silent.path);
    await eventually(() => silent.requests.length, 'the request reaching pcscd', {
      withinMs: 5000,
      until: (n) => n > 0,
    });
    abort.abort(new Error('closing'));
    await expect(asked).rejects.toThrow('closing');
    await eventually(() => silent.clients.size, 'the connection closed', {
      withinMs: 5000,
      until: (n) => n === 0,
    });
  });

  it("fault: pcscd's queue of clients full as it starts (one deep, other clients waiting in it): asked again until pcscd answers, not taken for its answer", async () => {
    // a pcscd whose main loop does not accept (its readers' first polls) until the spec lets it
    const dir = mkdtempSync(join(tmpdir(), 'pcscd-socket-'));
    const path = join(dir, 'pcscd.comm');
    const busy = spawn(process.execPath, ['-e', BUSY_PCSCD, path], { stdio: ['pipe', 'pipe', 'inherit'] });
    closers.push(async () => {
      busy.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    });
    await new Promise((resolve) => busy.stdout!.once('data', resolve)); // listening, then not accepting
    const waiting = [connect(path), connect(path)]; // the other clients, in its queue
    waiting.forEach((client) => client.on('error', () => undefined));
    closers.push(async () => waiting.forEach((client) => client.destroy()));
    expect(await connecting(path)).toBe('EAGAIN'); // its queue full

    let settled = false;
    const asked = askPcscd(5000, undefined, path).finally(() => (settled = true));
    // a client turned away after the ask's first try: that try was turned away too, and handled
    expect(await connecting(path)).toBe('EAGAIN');
    expect(settled).toBe(false);
    busy.stdin!.write('accept\n');
    expect(await asked).toBe('answered');
  });

  it('fault: pcscd not running, or closing the connection unanswered: the set-up fails as pcsclite would (0x8010001D) without the call, which a pcscd starting meanwhile would hold in its queue', async () => {
    const hangingUp = await pcscdSocket((socket) => socket.destroy());
    closers.push(hangingUp.close);
    let called = 0;
    const binding: PcscLiteFactory = () => {
      called += 1;
      throw new Error('SCardEstablishContext error: the blocking call was made.(0x80100001)');
    };
    const absent = join(tmpdir(), 'no-pcscd-here', 'pcscd.comm');
    for (const path of [absent, hangingUp.path]) {
      const link = new PcscChipLink({
        pcsclite: askingPcscdFirst(binding, 1000, path),
        reconnectIntervalMs: 60_000,
      });
      closers.push(() => link.close());
      expect(await link.start(0)).toBe('offline');
      expect(link.setUpFailure()).toEqual({
        code: ErrorCode.DEVICE_OFFLINE,
        pcsc: '8010001d',
        partway: false,
      });
    }
    expect(called).toBe(0);
  });

  it('fault: pcscd silent past the bound: the set-up fails DEVICE_OFFLINE without the blocking call, is tried again, and stops at close', async () => {
    const silent = await pcscdSocket(() => undefined);
    closers.push(silent.close);
    let called = 0; // the binding's blocking call: on this pcscd the real one would never return
    const binding: PcscLiteFactory = () => {
      called += 1;
      throw new Error('SCardEstablishContext error: the blocking call was made.(0x80100001)');
    };
    const link = new PcscChipLink({
      pcsclite: askingPcscdFirst(binding, 200, silent.path),
      reconnectIntervalMs: 100,
      maxReconnectIntervalMs: 100,
    });
    closers.push(() => link.close());

    const startedAt = performance.now();
    expect(await link.start(0)).toBe('offline');
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(190);
    expect([link.setUpFailure(), called]).toMatchObject([
      { code: ErrorCode.DEVICE_OFFLINE, partway: false },
      0,
    ]);
    await eventually(() => silent.requests.length, 'the set-up tried again', {
      withinMs: 5000,
      until: (n) => n >= 2,
    });

    await link.close(); // a try under way is ended, none after it
    await eventually(() => silent.clients.size, 'the connections closed', {
      withinMs: 5000,
      until: (n) => n === 0,
    });
    const asked = silent.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 400)); // past several retry waits (100 ms)
    expect([silent.requests.length, called]).toEqual([asked, 0]);
  });
});
