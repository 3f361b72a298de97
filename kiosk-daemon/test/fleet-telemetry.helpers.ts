/**
 * The world of fleet-telemetry: the real fleet monitor (its own process, embedded broker, SQLite
 * file) started once for the suite with the kiosk's credentials, and the real daemon pointed at it,
 * started and stopped by the cases that restart it; what the monitor says of the kiosk (its detail,
 * its events, a command's answer) and what the kiosk keeps for it (the queue file).
 */
import { afterAll, beforeAll, expect } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@kiosk/domain/testing';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import {
  startFleetMonitor,
  writeFleetCredentials,
  type FleetMonitorProcess,
} from './fleet-monitor-process.js';
import { exportedTransactions, type ExportedTransaction } from './journal-export-client.js';
import { UiClient } from './ui-client.js';

/** An event as the monitor's kiosk detail lists it (the fields the spec reads). */
export interface FleetEvent {
  type: string;
  device?: string;
  code?: string;
  at: string;
  seq: number;
}

type Answer = Awaited<ReturnType<FleetMonitorProcess['api']>>;

export interface FleetTelemetryWorld {
  /** the suite's folder: the monitor's files, the kiosk's in `kioskDir` */
  readonly dir: string;
  readonly kioskDir: string;
  readonly monitor: FleetMonitorProcess;
  readonly daemon: DaemonProcess;
  readonly ui: UiClient;
  /** the daemon started on the kiosk's folder, its UI client connected */
  startKiosk(): Promise<void>;
  /** the UI client closed and the daemon stopped by `signal`; its exit code */
  stopKiosk(signal?: NodeJS.Signals): Promise<number | null>;
  /** the monitor started again on its files and its broker's port */
  restartMonitor(): Promise<void>;
  /**
   * The PIN pad unplugged (`offline`) or plugged in again (null) on the demo panel, until the kiosk
   * reads it so: the in-memory pad says so at once, the serial pad notices its silence by its
   * heartbeat (every 3 s) and its return by the reopen.
   */
  pinPadFault(fault: 'offline' | null): Promise<void>;
  /** the monitor's detail of the kiosk */
  kioskDetail(): Promise<Answer>;
  /** the kiosk's events the monitor stored */
  eventsOf(): Promise<FleetEvent[]>;
  /** an operator's command sent through the monitor; its answer once the kiosk acknowledged it */
  command(
    type: string,
    extra?: Record<string, unknown>,
  ): Promise<{ id: string; result: string; code: string | null }>;
  /** once the monitor calls the kiosk `connection`, its detail */
  connection(connection: 'online' | 'offline', what: string): Promise<Answer>;
  /** once the kiosk's fleet queue file holds `marker`, its text */
  queueFileHolding(marker: string, what: string): Promise<string>;
}

/** The world for kiosk `kiosk` with password `password`, its monitor and daemon up before the suite. */
export function fleetTelemetryWorld(kiosk: string, password: string): FleetTelemetryWorld {
  let dir = '';
  let kioskDir = '';
  let monitor: FleetMonitorProcess | undefined;
  let mqttPort = 0;
  let daemon: DaemonProcess | undefined;
  let ui: UiClient | undefined;
  const running = <T>(thing: T | undefined, name: string): T => {
    if (!thing) throw new Error(`the ${name} is not running`);
    return thing;
  };

  const world: FleetTelemetryWorld = {
    get dir() {
      return dir;
    },
    get kioskDir() {
      return kioskDir;
    },
    get monitor() {
      return running(monitor, 'fleet monitor');
    },
    get daemon() {
      return running(daemon, 'daemon');
    },
    get ui() {
      return running(ui, 'UI client');
    },
    async startKiosk() {
      daemon = await startDaemon(
        [
          '--set',
          'demo.panel=true',
          '--set',
          `fleet.mqtt.url=mqtt://127.0.0.1:${mqttPort}`,
          '--set',
          `fleet.mqtt.password=${password}`,
          '--set',
          'fleet.heartbeatIntervalS=1',
          // the first balance's card taken by the test as its take step comes, the second's left to
          // be retracted: its case waits this out, 2 s (5 s before)
          '--set',
          'timeouts.cardTakeMs=2000',
          // a PIN pad plugged in again (its fault cleared) that reads offline is opened after 500 ms, not 5 s
          '--set',
          'devices.reopen.firstIntervalMs=500',
        ],
        { dir: kioskDir },
      );
      ui = new UiClient(daemon.url);
      await ui.connected();
    },
    stopKiosk(signal = 'SIGTERM') {
      world.ui.close();
      return world.daemon.stop(signal);
    },
    async restartMonitor() {
      monitor = await startFleetMonitor(dir, mqttPort);
    },
    async pinPadFault(fault) {
      expect(await world.ui.emit('demo.fault', { device: 'pinPad', fault })).toEqual({ ok: true });
      const state = fault === null ? 'online' : 'offline';
      await world.ui.waitForKiosk(
        (k) => k.devices.find((d) => d.kind === 'pinPad')?.device === state,
        15_000,
      );
    },
    kioskDetail: () => world.monitor.api('GET', `/kiosks/${kiosk}`),
    eventsOf: async () => ((await world.kioskDetail()).body?.events ?? []) as FleetEvent[],
    async command(type, extra = {}) {
      const sent = await world.monitor.api('POST', `/kiosks/${kiosk}/commands`, { type, ...extra });
      expect(sent.status).toBe(202);
      const id = (sent.body as { id: string }).id;
      const detail = await eventually(world.kioskDetail, `the kiosk acknowledged ${type}`, {
        withinMs: 10_000,
        until: (d) =>
          d.body.commands.some((c: { id: string; result: string | null }) => c.id === id && c.result),
      });
      return detail.body.commands.find((c: { id: string }) => c.id === id);
    },
    connection: (connection, what) =>
      eventually(world.kioskDetail, what, {
        withinMs: 10_000,
        until: (d) => d.body.connection === connection,
      }),
    queueFileHolding(marker, what) {
      const queueFile = join(kioskDir, 'fleet-queue.json');
      return eventually(async () => (existsSync(queueFile) ? readFileSync(queueFile, 'utf8') : ''), what, {
        withinMs: 10_000,
        until: (text) => text.includes(marker),
      });
    },
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-fleet-e2e-'));
    kioskDir = join(dir, 'kiosk');
    mkdirSync(kioskDir);
    writeFleetCredentials(dir, { [kiosk]: password });
    monitor = await startFleetMonitor(dir);
    mqttPort = Number(new URL(monitor.mqtt).port);
    await world.startKiosk();
  }, 90_000); // the monitor may take its 30 s to be ready, the daemon its 45 s

  afterAll(async () => {
    ui?.close();
    await daemon?.stop('SIGKILL');
    await monitor?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  return world;
}

/** The fleet commands' transactions in a journal export (JSON Lines). */
export function fleetCommandAudits(exported: string): ExportedTransaction[] {
  return exportedTransactions(exported).filter((t) => t.journey === 'fleetCommand');
}
