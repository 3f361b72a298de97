/**
 * The fleet store on both of its drivers, the same scenarios through the ingest: SQLite (a file)
 * and PostgreSQL (a fresh database on the server named by KIOSK_TEST_POSTGRES_URL). With CI=true a
 * missing PostgreSQL fails the suite; on a workstation without it the PostgreSQL half is left out
 * with a warning.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { FleetIngest, type FleetStore } from '../src/index.js';
import { drivers, type Driver } from './store-drivers.js';

describe.each(drivers)('fleet store on %s', (_name, makeDriver) => {
  jest.setTimeout(20_000);
  let driver: Driver;
  let store: FleetStore;
  let reopen: () => Promise<FleetStore>;
  let ingest: FleetIngest;
  const clock = new Date('2026-11-26T20:00:00.000Z');
  const at = (offsetS = 0): string => new Date(clock.getTime() + offsetS * 1000).toISOString();

  beforeAll(() => {
    driver = makeDriver();
  });
  beforeEach(async () => {
    ({ store, reopen } = await driver.fresh());
    ingest = new FleetIngest(store, () => clock);
  });
  afterEach(() => store.close());
  // a dozen databases to drop: on a loaded machine that outlasts the tests' own 20 s
  afterAll(() => driver.close(), 120_000);

  const send = (topic: string, body: unknown): Promise<void> =>
    ingest.accept(topic, Buffer.from(JSON.stringify(body)));
  const status = (kioskId: string, paper: 'ok' | 'low' | 'empty', offsetS = 0): object => ({
    connection: 'online',
    kioskId,
    mode: paper === 'empty' ? 'degraded' : 'inService',
    version: '0.1.0',
    hallId: 'hall-1',
    journeysOffered: ['balance'],
    devices: [{ kind: 'receiptPrinter', device: 'online', supplies: [{ name: 'paper', level: paper }] }],
    heartbeatIntervalS: 10,
    at: at(offsetS),
  });
  const outcome = (kioskId: string, when: string, journey: string, result: string): object => ({
    id: randomUUID(),
    kioskId,
    seq: 0,
    at: when,
    type: 'journeyOutcome',
    journey,
    outcome: result,
    durationMs: 1,
  });

  it('paper runs out and is refilled: the alert is raised, cleared, acknowledged once, kept in the history', async () => {
    await send('kiosk/k1/status', status('k1', 'empty'));
    const [alert] = await store.activeAlerts();
    expect(alert).toMatchObject({ kioskId: 'k1', kind: 'supplyEmpty', key: 'supply/receiptPrinter/paper' });
    expect(await store.acknowledgeAlert(alert!.id, 'zhang', at(1))).toBe(true);
    expect(await store.acknowledgeAlert(alert!.id, 'li', at(2))).toBe(false);
    await send('kiosk/k1/status', status('k1', 'ok', 3));
    expect(await store.activeAlerts()).toEqual([]);
    expect(await store.alert(alert!.id)).toMatchObject({ acknowledgedBy: 'zhang', clearedAt: at() });
    expect((await store.alertHistory()).map((row) => row.id)).toEqual([alert!.id]);
  });

  it('acknowledged anomaly stays active forever: its acknowledgement resolves it, a supply alert waits for the refill', async () => {
    const anomaly = {
      id: randomUUID(),
      kioskId: 'k1',
      seq: 1,
      at: at(),
      type: 'anomaly',
      code: 'CASH_NOT_TAKEN',
    };
    await send('kiosk/k1/events', anomaly);
    await send('kiosk/k1/status', status('k1', 'empty'));
    const active = await store.activeAlerts();
    const raised = active.find((alert) => alert.kind === 'anomaly')!;
    const paper = active.find((alert) => alert.kind === 'supplyEmpty')!;
    expect(await store.acknowledgeAlert(raised.id, 'zhang', at(1))).toBe(true);
    expect(await store.acknowledgeAlert(paper.id, 'zhang', at(1))).toBe(true);
    // the anomaly leaves the active list (the kiosk's count, the dashboards' list), kept in the history
    expect((await store.activeAlerts()).map((alert) => alert.id)).toEqual([paper.id]);
    expect(await store.alert(raised.id)).toMatchObject({ acknowledgedBy: 'zhang', clearedAt: at(1) });
    // told again (a replay after an outage): stored once, raised nothing
    await send('kiosk/k1/events', anomaly);
    expect((await store.activeAlerts()).map((alert) => alert.id)).toEqual([paper.id]);
    expect(await store.acknowledgeAlert(raised.id, 'li', at(2))).toBe(false);
    expect(await store.alert(raised.id)).toMatchObject({ acknowledgedBy: 'zhang', clearedAt: at(1) });
  });

  it('a status older than the stored one (a late redelivery) is kept out, its alerts too', async () => {
    await send('kiosk/k1/status', status('k1', 'ok', 10));
    await send('kiosk/k1/status', status('k1', 'empty', 5));
    expect((await store.kiosk('k1'))?.status).toMatchObject({ mode: 'inService', at: at(10) });
    expect(await store.activeAlerts()).toEqual([]);
  });

  it('kiosk-clock-stepped-back-statuses-ignored: statuses ordered by their run, not the clock; a run ended stays ended after a reopen', async () => {
    const [before, after] = [randomUUID(), randomUUID()];
    await send('kiosk/k1/status', { ...status('k1', 'ok', 3600), run: { id: before, seq: 5 } });
    // NTP stepped the clock back an hour
    await send('kiosk/k1/status', { ...status('k1', 'empty', 0), run: { id: before, seq: 6 } });
    expect((await store.kiosk('k1'))?.status).toMatchObject({ mode: 'degraded', run: { seq: 6 } });
    expect((await store.activeAlerts()).map((alert) => alert.key)).toEqual(['supply/receiptPrinter/paper']);
    // a restart, the clock set back further: the new run is taken; a late status of the old one is not
    await send('kiosk/k1/status', { ...status('k1', 'ok', -86_400), run: { id: after, seq: 0 } });
    expect(await store.activeAlerts()).toEqual([]);
    await store.close();
    store = await reopen();
    ingest = new FleetIngest(store, () => clock);
    await send('kiosk/k1/status', { ...status('k1', 'empty', 7200), run: { id: before, seq: 7 } });
    expect((await store.kiosk('k1'))?.status).toMatchObject({ mode: 'inService', run: { id: after } });
    expect(await store.activeAlerts()).toEqual([]);
  });

  it('a replayed event is stored once; the same alert raised twice is one alert', async () => {
    const event = { id: randomUUID(), kioskId: 'k1', seq: 1, at: at(), type: 'anomaly', code: 'DOOR_OPENED' };
    await send('kiosk/k1/events', event);
    await send('kiosk/k1/events', event);
    expect(await store.recentEvents('k1')).toEqual([event]);
    expect(ingest.counters).toMatchObject({ events: 1, duplicateEvents: 1 });
    expect(await store.raiseAlert('k1', 'anomaly', `anomaly/${event.id}`, 'DOOR_OPENED', at())).toBe(false);
    expect(await store.activeAlerts()).toHaveLength(1);
  });

  it('last will, then a heartbeat: offline with its alert, then online and cleared', async () => {
    expect(await store.saveHeartbeat('k1', 1, at())).toBe(false); // no status yet
    await send('kiosk/k1/status', status('k1', 'ok'));
    expect(await store.markOffline('k1', at(1))).toBe(true);
    expect(await store.markOffline('k1', at(2))).toBe(true);
    await store.raiseAlert('k1', 'offline', 'offline', 'LAST_WILL', at(2));
    await send('kiosk/k1/heartbeat', { kioskId: 'k1', seq: 2, at: at(3), uptimeS: 3, queued: 0 });
    expect(await store.kiosk('k1')).toMatchObject({ connection: 'online', lastHeartbeatSeq: 2 });
    expect(await store.activeAlerts()).toEqual([]);
  });

  it("last-will-stored-after-the-next-online-on-another-monitor: a will of a connection before the stored status's changes nothing", async () => {
    await send('kiosk/k1/status', { ...status('k1', 'ok'), connectionSeq: 5 });
    const will = { connection: 'offline', kioskId: 'k1', cause: 'lastWill', at: at(1) };
    await send('kiosk/k1/status', { ...will, connectionSeq: 4 });
    expect(await store.kiosk('k1')).toMatchObject({ connection: 'online' });
    expect(await store.activeAlerts()).toEqual([]);
    expect(await store.markOffline('k1', at(1), 4)).toBe(false);
    await send('kiosk/k1/status', { ...will, connectionSeq: 5 });
    expect(await store.kiosk('k1')).toMatchObject({ connection: 'offline' });
    expect(await store.activeAlerts()).toMatchObject([{ key: 'offline', code: 'LAST_WILL' }]);
  });

  it('online-stored-after-its-connections-will-on-another-monitor: an online status of a connection an offline ended is kept out, after a reopen too', async () => {
    const seq = 1_764_400_000_005; // a count past 2^32 (seeded from a clock's milliseconds)
    const will = { connection: 'offline', kioskId: 'k1', cause: 'lastWill', at: at(1) };
    await send('kiosk/k1/status', { ...status('k1', 'ok'), connectionSeq: seq });
    await send('kiosk/k1/status', { ...will, connectionSeq: seq + 1 });
    await send('kiosk/k1/status', { ...will, connectionSeq: seq }); // a late will keeps the higher number
    await store.close();
    store = await reopen();
    ingest = new FleetIngest(store, () => clock);
    await send('kiosk/k1/status', { ...status('k1', 'ok', 2), connectionSeq: seq + 1 });
    expect(await store.kiosk('k1')).toMatchObject({ connection: 'offline', status: { connectionSeq: seq } });
    await send('kiosk/k1/status', { ...status('k1', 'ok', 3), connectionSeq: seq + 2 });
    expect(await store.kiosk('k1')).toMatchObject({
      connection: 'online',
      status: { connectionSeq: seq + 2 },
    });
    expect(await store.activeAlerts()).toEqual([]);
  });

  it("online-stored-after-its-connections-will-at-a-new-start: a new run's online status after its connection's will is kept out; a count begun again below the stored status's is taken", async () => {
    const seq = 1_764_400_000_005;
    const will = { connection: 'offline', kioskId: 'k1', cause: 'lastWill', at: at(1) };
    const inRun = (id: string, connectionSeq: number, offsetS: number) => ({
      ...status('k1', 'ok', offsetS),
      run: { id, seq: 0 },
      connectionSeq,
    });
    await send('kiosk/k1/status', inRun(randomUUID(), seq, 0));
    await send('kiosk/k1/status', { ...will, connectionSeq: seq + 1 }); // the new start's first connection
    await send('kiosk/k1/status', inRun(randomUUID(), seq + 1, 2));
    expect(await store.kiosk('k1')).toMatchObject({ connection: 'offline', status: { connectionSeq: seq } });
    // its count file lost and its clock behind: the count began again at 1
    await send('kiosk/k1/status', inRun(randomUUID(), 1, 3));
    expect(await store.kiosk('k1')).toMatchObject({ connection: 'online', status: { connectionSeq: 1 } });
    expect(await store.activeAlerts()).toEqual([]);
  });

  it('heartbeat missed: the store names the kiosks silent past three of their intervals, only those online', async () => {
    await send('kiosk/k1/status', status('k1', 'ok')); // heartbeat interval 10 s, seen at 20:00:00
    await send('kiosk/k2/status', status('k2', 'ok'));
    await store.markOffline('k2', at());
    expect(await store.silentKiosks(at(30), 3)).toEqual([]);
    expect(await store.silentKiosks(at(31), 3)).toEqual(['k1']);
    await send('kiosk/k1/heartbeat', { kioskId: 'k1', seq: 1, at: at(25), uptimeS: 25, queued: 0 });
    // (the heartbeat is stored with the ingest's clock, 20:00:00 here)
    expect(await store.silentKiosks(at(31), 3)).toEqual(['k1']);
    // kiosks called offline after a monitor restart: silence counts from when it began to hear them
    expect(await store.silentKiosks(at(330), 3, at(300))).toEqual([]);
    expect(await store.silentKiosks(at(331), 3, at(300))).toEqual(['k1']);
  });

  it('a command acknowledged once, only by its own kiosk; the list newest first', async () => {
    const command = {
      id: randomUUID(),
      kioskId: 'k1',
      type: 'inService',
      issuedAt: at(),
      issuedBy: 'ops',
    } as const;
    await store.saveCommand(command);
    expect(await store.saveAck({ commandId: command.id, kioskId: 'k2', result: 'done', at: at(1) })).toBe(
      false,
    );
    expect(await store.saveAck({ commandId: command.id, kioskId: 'k1', result: 'done', at: at(1) })).toBe(
      true,
    );
    expect(await store.saveAck({ commandId: command.id, kioskId: 'k1', result: 'failed', at: at(2) })).toBe(
      false,
    );
    expect(await store.commands('k1')).toEqual([
      {
        id: command.id,
        kioskId: 'k1',
        type: 'inService',
        issuedBy: 'ops',
        issuedAt: at(),
        result: 'done',
        code: null,
        ackedAt: at(1),
        expiresAt: null,
      },
    ]);
  });

  it('commands a kiosk has not answered: sent again until their expiry, then failed once (TELEMETRY_COMMAND_EXPIRED)', async () => {
    const command = (offsetS: number, expiresInS?: number) =>
      ({
        id: randomUUID(),
        kioskId: 'k1',
        type: 'runSelfTest',
        issuedAt: at(offsetS),
        issuedBy: 'ops',
        ...(expiresInS !== undefined && { expiresAt: at(offsetS + expiresInS) }),
      }) as const;
    const [answered, first, second, forever] = [command(0, 60), command(1, 60), command(2, 120), command(3)];
    for (const c of [second, forever, answered, first]) await store.saveCommand(c);
    await store.saveCommand({ ...command(0, 60), kioskId: 'k2' });
    await store.saveAck({ commandId: answered.id, kioskId: 'k1', result: 'done', at: at(5) });
    expect(await store.pendingCommands('k1', at(10))).toEqual([first, second]);
    expect(await store.expireCommands(at(30), 'TELEMETRY_COMMAND_EXPIRED')).toEqual([]);
    expect(
      (await store.expireCommands(at(61), 'TELEMETRY_COMMAND_EXPIRED')).sort((a, b) =>
        a.kioskId.localeCompare(b.kioskId),
      ),
    ).toEqual([
      { kioskId: 'k1', id: first.id },
      { kioskId: 'k2', id: expect.any(String) },
    ]);
    expect(await store.expireCommands(at(62), 'TELEMETRY_COMMAND_EXPIRED')).toEqual([]);
    expect(await store.pendingCommands('k1', at(62))).toEqual([second]);
    // a late answer finds it answered
    expect(await store.saveAck({ commandId: first.id, kioskId: 'k1', result: 'done', at: at(63) })).toBe(
      false,
    );
    expect((await store.commands('k1')).find((c) => c.id === first.id)).toMatchObject({
      result: 'failed',
      code: 'TELEMETRY_COMMAND_EXPIRED',
      ackedAt: at(61),
      expiresAt: at(61),
    });
    // a command without expiry (from an older monitor) never expires and is not sent again
    expect(await store.pendingCommands('k1', at(1000))).toEqual([]);
    expect((await store.commands('k1')).find((c) => c.id === forever.id)).toMatchObject({ result: null });
  });

  it('daily counts per kiosk and fleet-wide, the same numbers on both drivers', async () => {
    await send('kiosk/k1/events', outcome('k1', '2026-11-25T09:00:00.000Z', 'issueCard', 'completed'));
    await send('kiosk/k1/events', outcome('k1', '2026-11-25T10:00:00.000Z', 'withdraw', 'completed'));
    await send('kiosk/k2/events', outcome('k2', '2026-11-25T11:00:00.000Z', 'withdraw', 'timedOut'));
    await send('kiosk/k2/events', outcome('k2', '2026-11-26T09:00:00.000Z', 'replaceCard', 'completed'));
    await send('kiosk/k2/events', outcome('k2', '2026-11-20T09:00:00.000Z', 'withdraw', 'completed'));
    expect(await store.dailyCounts('2026-11-24')).toEqual([
      { day: '2026-11-25', cardsIssued: 1, withdrawals: 1, completed: 2, failed: 1 },
      { day: '2026-11-26', cardsIssued: 1, withdrawals: 0, completed: 1, failed: 0 },
    ]);
    expect(await store.dailyCounts('2026-11-24', 'k1')).toEqual([
      { day: '2026-11-25', cardsIssued: 1, withdrawals: 1, completed: 2, failed: 0 },
    ]);
  });

  it("stats-daily-no-today-before-first-journey: the kiosks' zones, each once, for the daily window's end", async () => {
    await send('kiosk/k1/status', { ...status('k1', 'ok'), timeZone: 'Asia/Shanghai' });
    await send('kiosk/k2/status', { ...status('k2', 'ok'), timeZone: 'Asia/Shanghai' });
    await send('kiosk/k3/status', status('k3', 'ok')); // a kiosk of a release before names none
    expect((await store.kioskTimeZones()).sort()).toEqual(['Asia/Shanghai', null].sort());
    expect(await store.kioskTimeZones('k1')).toEqual(['Asia/Shanghai']);
    expect(await store.kioskTimeZones('k3')).toEqual([null]);
    expect(await store.kioskTimeZones('k9')).toEqual([]);
  });

  it("journeys counted on the UTC day, not the kiosk's: each is counted on the day the kiosk names", async () => {
    const onDay = (when: string, day: string): object => ({
      ...outcome('k1', when, 'withdraw', 'completed'),
      day,
    });
    // 00:30 and 07:30 in China on 26 November: the UTC clock still reads the 25th
    await send('kiosk/k1/events', onDay('2026-11-25T16:30:00.000Z', '2026-11-26'));
    await send('kiosk/k1/events', onDay('2026-11-25T23:30:00.000Z', '2026-11-26'));
    // 23:30 in China on the 23rd, before the span: its UTC time is the day before `since`
    await send('kiosk/k1/events', onDay('2026-11-23T15:30:00.000Z', '2026-11-23'));
    // an older kiosk names no day: the UTC day of its time, as before
    await send('kiosk/k2/events', outcome('k2', '2026-11-24T09:00:00.000Z', 'withdraw', 'failed'));
    expect(await store.dailyCounts('2026-11-24')).toEqual([
      { day: '2026-11-24', cardsIssued: 0, withdrawals: 0, completed: 0, failed: 1 },
      { day: '2026-11-26', cardsIssued: 0, withdrawals: 2, completed: 2, failed: 0 },
    ]);
    expect(await store.dailyCounts('2026-11-23', 'k1')).toEqual([
      { day: '2026-11-23', cardsIssued: 0, withdrawals: 1, completed: 1, failed: 0 },
      { day: '2026-11-26', cardsIssued: 0, withdrawals: 2, completed: 2, failed: 0 },
    ]);
  });

  it('a journal extract stored once per command; kiosks listed by id', async () => {
    const extract = {
      commandId: randomUUID(),
      kioskId: 'k2',
      from: at(-3600),
      to: at(),
      transactions: 1,
      jsonl: '{"id":"k2-000001","journey":"balance","steps":[]}\n',
      at: at(),
    };
    // journal extract of no command stored: only the one the operator asked of this kiosk is
    const asked = (kioskId: string, type: 'uploadJournalExtract' | 'restart', id = randomUUID()) =>
      store.saveCommand({ id, kioskId, type, issuedAt: at(), issuedBy: 'ops', from: at(-3600), to: at() });
    expect(await store.saveJournalExtract(extract, at())).toBe(false);
    await asked('k1', 'uploadJournalExtract', extract.commandId);
    const restart = randomUUID();
    await asked('k2', 'restart', restart);
    expect(await store.saveJournalExtract(extract, at())).toBe(false);
    expect(await store.saveJournalExtract({ ...extract, commandId: restart }, at())).toBe(false);
    extract.commandId = randomUUID();
    await asked('k2', 'uploadJournalExtract', extract.commandId);
    expect(await store.saveJournalExtract(extract, at())).toBe(true);
    expect(await store.saveJournalExtract({ ...extract, jsonl: '' }, at(1))).toBe(false);
    expect(await store.journalExtractBody('k2', extract.commandId)).toBe(extract.jsonl);
    expect(await store.journalExtractBody('k1', extract.commandId)).toBeUndefined();
    expect(await store.journalExtracts('k2')).toEqual([
      expect.objectContaining({ commandId: extract.commandId, bytes: 50, transactions: 1 }),
    ]);
    await send('kiosk/k2/status', status('k2', 'ok'));
    await send('kiosk/K1/status', status('K1', 'ok'));
    await send('kiosk/k1/status', status('k1', 'ok'));
    expect((await store.kiosks()).map((kiosk) => kiosk.kioskId)).toEqual(['K1', 'k1', 'k2']);
  });

  it('a transaction that fails leaves nothing behind; reopening keeps what was stored (migrations run once)', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.raiseAlert('k1', 'anomaly', 'anomaly/x', 'X', at());
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    expect(await store.activeAlerts()).toEqual([]);
    await send('kiosk/k1/status', status('k1', 'low'));
    await store.close();
    store = await reopen();
    expect(await store.activeAlerts()).toMatchObject([{ kioskId: 'k1', kind: 'supplyLow' }]);
  });
});
