/**
 * Field staff on the maintenance route of a running daemon, for specs: its JSON calls (with a
 * visit's bearer token), and the log-in with the staff card presented and the PIN typed on the
 * demo PIN pad.
 */
import { eventually } from './fleet-monitor-process.js';
import type { UiClient } from './ui-client.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked by each test
export type MaintenanceAnswer = { status: number; body: any };

export interface MaintenanceCallOptions {
  readonly token?: string | undefined;
  readonly body?: unknown;
}

export async function maintenanceCall(
  baseUrl: string,
  method: string,
  path: string,
  options: MaintenanceCallOptions = {},
): Promise<MaintenanceAnswer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(options.token !== undefined && { authorization: `Bearer ${options.token}` }),
    },
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** Presents the staff card, waits for the PIN pad to ask, types the PIN on it; the log-in's answer. */
export async function staffLogIn(
  baseUrl: string,
  ui: UiClient,
  staff: { readonly id: string; readonly pin: string },
): Promise<MaintenanceAnswer> {
  const answer = maintenanceCall(baseUrl, 'POST', '/maintenance/login', { body: { staffId: staff.id } });
  await ui.waitForKiosk((v) => v.mode === 'maintenance');
  // the pad takes keys only once it collects; retry the first until it does
  await eventually(
    () => ui.emit('demo.pinpad', { key: staff.pin[0] }),
    (ack) => ack.ok,
    'the PIN pad asks for the staff PIN',
  );
  for (const key of staff.pin.slice(1)) await ui.emit('demo.pinpad', { key });
  await ui.emit('demo.pinpad', { key: 'enter' });
  return answer;
}
