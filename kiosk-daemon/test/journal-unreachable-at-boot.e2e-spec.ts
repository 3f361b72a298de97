/**
 * The fault: the journal's claim, taken first at boot, met a PostgreSQL server that did not answer
 * yet (the terminal booted before the database, or the server restarted as it booted) with the
 * driver's bare error: boot failed at once as INTERNAL ("connect ECONNREFUSED"), where the
 * journal's own connection right after it waits half a minute for the server. A SQLite journal
 * whose folder could not be made failed alike, as INTERNAL. Now the claim waits for the server as
 * the connection does, and a journal that cannot be opened is refused with JOURNAL_OPEN_FAILED
 * naming the journal (the database and its server, or the file), never the URL's password.
 *
 * The real PostgreSQL server of the suites, reached through a port that answers only once a
 * forwarder is started on it (the server "coming up"); a port nothing listens on for one that
 * never does.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { JournalConfig } from '@kiosk/config';
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { claimJournal } from '../src/journal/journal-claim.js';
import { runDaemonToExit } from './daemon-process.js';

const postgresUrl = process.env.KIOSK_TEST_POSTGRES_URL ?? '';
const dir = mkdtempSync(join(tmpdir(), 'kiosk-journal-unreachable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
afterEach(() => jest.restoreAllMocks());

/** A port free now: nothing listens on it until `forwardTo` is called. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts answering on `port`, every connection carried to `target` (host:port). */
async function forwardTo(port: number, target: URL): Promise<{ close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function throughPort(url: string, port: number, password?: string): string {
  const at = new URL(url);
  at.hostname = '127.0.0.1';
  at.port = String(port);
  if (password !== undefined) at.password = password;
  return at.toString();
}

const describePostgres = postgresUrl !== '' || process.env.CI === 'true' ? describe : describe.skip;

describePostgres('a PostgreSQL journal not answering at boot', () => {
  it('has a PostgreSQL server to run on', () => {
    expect(postgresUrl).not.toBe('');
  });

  it('fault: the server comes up while the kiosk boots: the claim waits for it and takes the journal', async () => {
    const port = await freePort();
    const journal = { driver: 'postgres', url: throughPort(postgresUrl, port) } as JournalConfig;
    const claiming = claimJournal(journal, 'kiosk-daemon', { attempts: 50, retryMs: 100 });
    // the server comes up once the claim met it not answering and tried again (each failed try is
    // logged), not after a fixed while: on a loaded machine the claim may not have tried by then
    let settled = false;
    void claiming.then(
      () => (settled = true),
      () => (settled = true),
    );
    const failedTries = () =>
      jest
        .mocked(Logger.prototype.error)
        .mock.calls.filter(([line]) => String(line).includes('failed (attempt')).length;
    await eventually(failedTries, 'two failed tries logged', {
      withinMs: 10_000,
      everyMs: 20,
      until: (tries) => settled || tries >= 2,
    });
    expect(failedTries()).toBeGreaterThanOrEqual(2);
    const server = await forwardTo(port, new URL(postgresUrl));
    try {
      const claim = await claiming;
      expect(claim.holder.what).toBe('kiosk-daemon');
      await claim.release();
    } finally {
      await server.close();
    }
  });

  it('fault: the server never answers: JOURNAL_OPEN_FAILED naming the database and its server, never the password', async () => {
    const port = await freePort();
    const url = throughPort(postgresUrl, port, 'not-to-be-seen');
    const refused = await claimJournal({ driver: 'postgres', url } as JournalConfig, 'kiosk-daemon', {
      attempts: 2,
      retryMs: 1,
    }).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: ErrorCode.JOURNAL_OPEN_FAILED,
      details: { driver: 'postgres', attempts: 2 },
    });
    const message = (refused as Error).message;
    expect(message).toContain(`on 127.0.0.1:${port}`);
    expect(message).toContain('tried 2 times');
    expect(message).toMatch(/ECONNREFUSED/);
    expect(message).not.toContain('not-to-be-seen');
  });
});

describe('a SQLite journal that cannot be made', () => {
  it('fault: its folder is a file: JOURNAL_OPEN_FAILED naming the file, at once', async () => {
    writeFileSync(join(dir, 'not-a-folder'), '');
    const path = join(dir, 'not-a-folder', 'journal.sqlite');
    const refused = await claimJournal({ driver: 'sqlite', path } as JournalConfig, 'kiosk-daemon').catch(
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({
      code: ErrorCode.JOURNAL_OPEN_FAILED,
      details: { driver: 'sqlite', attempts: 1 },
    });
    expect((refused as Error).message).toContain(`the SQLite file ${path}`);
  });
});

describe('the daemon on a journal that cannot be opened', () => {
  it('fault: boot fails with JOURNAL_OPEN_FAILED naming the file and the reason, not INTERNAL', async () => {
    writeFileSync(join(dir, 'a-file'), '');
    const path = join(dir, 'a-file', 'journal.sqlite');
    const run = await runDaemonToExit(
      [
        '--profile',
        'test',
        '--set',
        'gateway.port=0',
        '--set',
        'host.embeddedPort=0',
        '--set',
        `journal.path=${path}`,
      ],
      30_000,
    );
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('"event":"ready"');
    expect(run.stderr).toContain(
      `boot failed: ${ErrorCode.JOURNAL_OPEN_FAILED}: The journal (the SQLite file ${path}) could not be opened (tried once): EEXIST`,
    );
  }, 60_000);
});
