/**
 * The devices' events as the session and the kiosk hear them: a card in or out of the reader, PIN
 * keys, cash and new cards taken, the ID card taken off its reader, device states changing, and
 * what redraws the screens (the demo panel, the progress and fee screens).
 */
import type { SessionEvent } from '@kiosk/state-machines';
import type { DevicesService } from '../devices/devices.service.js';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import type { MetricsService } from '../telemetry/metrics.service.js';
import { receiptPrintable } from './session-input.js';
import type { ViewKind } from './session-types.js';

export interface DeviceEventTargets {
  /** the running session, if any (null when none or ended) */
  readonly session: () => { send(event: SessionEvent): void } | null;
  readonly devicesChanged: (statuses: ReturnType<DevicesService['statuses']>) => void;
  readonly notify: (kind: ViewKind) => void;
  /** a card inserted with no session waiting for it */
  readonly strayCard: () => void;
}

/** Subscribes to every device event the sessions need; answers the unsubscribes. */
export function relayDeviceEvents(
  devices: DevicesService,
  issuance: IssuanceHostService,
  metrics: MetricsService,
  to: DeviceEventTargets,
): (() => void)[] {
  const send = (event: SessionEvent) => to.session()?.send(event);
  return [
    devices.onAnyStatus((statuses) => {
      metrics.observeDevices(statuses);
      to.devicesChanged(statuses);
      to.notify('demo');
    }),
    // the paper came back or went: the records on screen offer or withhold their printing
    devices.receiptPrinter.onStatus(() =>
      send({ type: 'PRINTER_CHANGED', printAvailable: receiptPrintable(devices) }),
    ),
    devices.cardReader.onCardEvent((e) => {
      to.notify('demo');
      if (!to.session()) {
        if (e.type === 'inserted') to.strayCard();
        return;
      }
      if (e.type === 'inserted') send({ type: 'CARD_INSERTED' });
      else if (e.type === 'removed') send({ type: 'CARD_REMOVED' });
      else if (e.type === 'taken') send({ type: 'CARD_TAKEN' });
    }),
    devices.pinPad.onKey((e) => send({ type: 'PIN_KEY', entered: e.entered, submitted: e.kind === 'enter' })),
    devices.cashDispenser.onCashTaken(() => {
      to.notify('demo');
      send({ type: 'CASH_TAKEN' });
    }),
    // a dispenser that always sees its slot has no such event
    ...(devices.cashDispenser.onCashGoneUnseen
      ? [
          devices.cashDispenser.onCashGoneUnseen(() => {
            to.notify('demo');
            send({ type: 'CASH_GONE_UNSEEN' });
          }),
        ]
      : []),
    devices.idReader.onCardEvent((e) => {
      to.notify('demo');
      // the resident's proof left the reader: a journey still needing it (the fee) is abandoned
      if (e.type === 'removed') send({ type: 'ID_CARD_REMOVED' });
    }),
    devices.cardMaking.onStage(() => to.notify('session')),
    // a QR payment order opened or closed: the fee screen draws (or drops) its QR code
    issuance.onPendingQr(() => to.notify('session')),
    devices.cardPrinter.onCardTaken(() => {
      to.notify('demo');
      send({ type: 'NEW_CARD_TAKEN' });
    }),
  ];
}
