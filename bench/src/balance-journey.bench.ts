/**
 * The balance journey's software overhead: the real daemon in this process (emulators with no
 * motor delay, the in-process host simulator, a temp SQLite journal with synchronous FULL), a
 * socket.io client that answers every screen at once. Nothing waits for a person, so what is
 * measured is the kiosk's own work: gateway, machines, devices, host HTTP, journal writes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '@kiosk/config';
import { DEMO_RESIDENTS, type SessionView } from '@kiosk/domain';
import { createKioskLogger, startKioskDaemon } from '@kiosk/kiosk-daemon';
import { io, type Socket } from 'socket.io-client';

function nextView(socket: Socket, match: (v: SessionView | null) => boolean): Promise<SessionView | null> {
  return new Promise((resolve) => {
    const on = (v: SessionView | null) => {
      if (!match(v)) return;
      socket.off('session.view', on);
      resolve(v);
    };
    socket.on('session.view', on);
  });
}

async function oneJourney(socket: Socket, cardId: string, pin: string): Promise<number> {
  const started = performance.now();
  const atCard = nextView(socket, (v) => v?.step === 'insertCard');
  await socket.emitWithAck('session.start', { journey: 'balance' });
  await atCard;
  const atPin = nextView(socket, (v) => v?.step === 'enterPin');
  await socket.emitWithAck('demo.card', { action: 'insert', cardId });
  await atPin;
  const atBalance = nextView(socket, (v) => v?.step === 'showBalance');
  for (const key of pin) await socket.emitWithAck('demo.pinpad', { key });
  await socket.emitWithAck('demo.pinpad', { key: 'enter' });
  const shown = await atBalance;
  if (!shown?.balance) throw new Error('no balance shown');
  const atTake = nextView(socket, (v) => v?.step === 'takeCard');
  await socket.emitWithAck('session.command', { command: 'finish' });
  await atTake;
  const ended = nextView(socket, (v) => v?.step === 'ended');
  await socket.emitWithAck('demo.card', { action: 'take' });
  const end = await ended;
  if (end?.outcome !== 'completed') throw new Error(`journey ended ${end?.outcome}`);
  return performance.now() - started;
}

export async function measureBalanceJourneys(count: number, warmup = 10): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-'));
  const config = loadConfig({
    profile: 'test',
    overrides: ['gateway.port=0', `journal.path=${join(dir, 'journal.sqlite')}`, 'demo.panel=true'],
  });
  const daemon = await startKioskDaemon(config, createKioskLogger('error'));
  const socket = io(daemon.url, { path: '/socket.io', transports: ['websocket'], forceNew: true });
  try {
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
    const samples: number[] = [];
    for (let i = 0; i < warmup + count; i += 1) {
      const ms = await oneJourney(socket, zhang.key, zhang.cardPin);
      if (i >= warmup) samples.push(ms);
    }
    return samples;
  } finally {
    socket.close();
    await daemon.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
