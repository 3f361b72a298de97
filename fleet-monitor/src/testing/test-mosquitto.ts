/**
 * A real Mosquitto for tests: its own process on a free port of 127.0.0.1, with the password and
 * ACL files `write-broker-files` makes from the given secrets, persistence in a temp dir (so a
 * restart keeps sessions and queued messages, as a broker in the field does). `stop` and `start`
 * make a broker outage; `close` ends it and removes the dir.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { portBelowEphemeralRange } from './fixed-port.js';
import { writeBrokerFiles, type FleetSecretsFile } from '../credentials/broker-files.js';

export interface TestMosquitto {
  readonly url: string;
  readonly port: number;
  /** holds kiosks.json, mosquitto.passwd, mosquitto.acl and `<monitor>.password` */
  readonly dir: string;
  /** a running broker (after `stop`, false until `start`) */
  readonly running: boolean;
  /** stops the broker (SIGTERM: it saves its sessions), as an outage */
  stop(): Promise<void>;
  /** starts it again on the same port with the same files */
  start(): Promise<void>;
  /** the broker stops answering and keeps its connections open (SIGSTOP): hung, or its link gone silent */
  freeze(): void;
  /** answers again (SIGCONT) */
  thaw(): void;
  close(): Promise<void>;
}

/** The mosquitto binary (Debian installs it in /usr/sbin), or undefined when it is not installed. */
export function findMosquitto(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  return dirs.map((dir) => join(dir, 'mosquitto')).find((path) => existsSync(path));
}

/** true once something listens on the port */
async function accepts(port: number): Promise<boolean> {
  const socket = connect(port, '127.0.0.1');
  try {
    await once(socket, 'connect');
    return true;
  } catch {
    return false;
  } finally {
    socket.destroy();
  }
}

export async function startTestMosquitto(secrets: FleetSecretsFile): Promise<TestMosquitto> {
  const binary = findMosquitto();
  if (binary === undefined) throw new Error('mosquitto is not installed (apt-get install mosquitto)');
  const dir = mkdtempSync(join(tmpdir(), 'fleet-mosquitto-'));
  writeBrokerFiles(secrets, dir);
  // restarted on the same port: one no other process is handed while the broker is down
  const port = await portBelowEphemeralRange();
  const config = join(dir, 'mosquitto.conf');
  writeFileSync(
    config,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous false',
      `password_file ${join(dir, 'mosquitto.passwd')}`,
      `acl_file ${join(dir, 'mosquitto.acl')}`,
      'persistence true',
      `persistence_location ${dir}/`,
      'max_queued_messages 100000',
      'log_dest stderr',
      'log_type error',
      'log_type warning',
      // run as root (CI), Mosquitto would switch to its own user, which cannot read this dir
      ...(process.getuid?.() === 0 ? ['user root'] : []),
      '',
    ].join('\n'),
  );

  let child: ChildProcess | undefined;
  let log = '';
  const start = async (): Promise<void> => {
    const started = spawn(binary, ['-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = started;
    started.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const deadline = Date.now() + 10_000;
    while (!(await accepts(port))) {
      if (started.exitCode !== null)
        throw new Error(`mosquitto exited (${started.exitCode}) at start:\n${log}`);
      if (Date.now() > deadline) throw new Error(`mosquitto did not listen in 10 s:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = once(running, 'exit');
    running.kill('SIGTERM');
    running.kill('SIGCONT');
    await exited;
  };
  try {
    await start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    dir,
    get running() {
      return child !== undefined && child.exitCode === null;
    },
    stop,
    start,
    freeze: () => void child?.kill('SIGSTOP'),
    thaw: () => void child?.kill('SIGCONT'),
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
