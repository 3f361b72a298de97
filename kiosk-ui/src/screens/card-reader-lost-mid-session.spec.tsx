/**
 * Fault: the card reader is lost mid-session (pcscd restarting, the reader's USB link dropping): the
 * kiosk keeps the session and the card where they are and goes on once the reader is back (the
 * daemon's e2e session-continues-through-pcscd-restart), but the resident's screen said nothing of it:
 * the PIN screen stood as before, and a PIN entered meanwhile came back DEVICE_OFFLINE with no warning.
 * While the kiosk view has the card reader offline (or gone) at a step that needs it, the session
 * screen says so in words and asks the resident to wait; once the reader is back the words go.
 */
import type { DeviceState, KioskView, SessionStep } from '@kiosk/domain';
import { initialGatewayState } from '../gateway/gateway-state';
import { renderForSpec } from './render-for-spec';
import { balanceSession, kioskInService } from './sample-views';
import { screenFor } from './screen-for-view';

const withReader = (device: DeviceState): KioskView => ({
  ...kioskInService,
  devices: [{ kind: 'cardReader', device, supplies: [] }],
});
const card = { maskedCardNumber: 'H41******101', maskedName: '张*明' };
const atPin = balanceSession({ step: 'enterPin', card, pin: { entered: 2, length: 6 } });
const connected = { ...initialGatewayState, connection: 'connected' as const };

const screen = (device: DeviceState, step: SessionStep = 'enterPin') =>
  screenFor({ ...connected, kiosk: withReader(device), session: { ...atPin, step } });
// the whole kiosk screen, as the browser has it (the build's flag: no demo drawer here)
let KioskApp: () => React.JSX.Element;
beforeAll(async () => {
  Object.assign(globalThis, { __DEMO_PANEL__: false });
  ({ KioskApp } = await import('../shell/kiosk-app'));
});
const app = (device: DeviceState, locale: 'en' | 'zh-CN' = 'en') =>
  renderForSpec(<KioskApp />, locale, { ...connected, kiosk: withReader(device), session: atPin });

describe('card reader lost mid-session', () => {
  it('fault: the reader goes offline at the PIN step: the resident reads that it is reconnecting and to wait, in the language on screen', () => {
    const en = app('offline');
    expect(en).toContain('data-testid="reader-lost"');
    expect(en).toContain('The card reader is reconnecting');
    expect(app('offline', 'zh-CN')).toContain('读卡器正在重新连接');
    // the PIN screen stays: the dots entered so far, no refusal
    expect(en).toContain('data-testid="step-enterPin"');
    expect(en).not.toContain('data-testid="error-box"');
  });

  it('fault: the reader unplugged (no device) mid-session reads the same', () => {
    expect(screen('noDevice')).toMatchObject({ kind: 'session', readerLost: true });
  });

  it('the words go once the reader is back', () => {
    expect(app('online')).not.toContain('data-testid="reader-lost"');
    expect(screen('online')).not.toHaveProperty('readerLost');
  });

  it('says nothing of the reader where the step does not need it: the card at the slot, the session over', () => {
    for (const step of ['takeCard', 'ended', 'retractingCard', 'takeIdCard'] as const)
      expect(screen('offline', step)).not.toHaveProperty('readerLost');
    // a journey without the card (a loss report): no card read, no reader needed
    const loss = balanceSession({ journey: 'reportLoss', step: 'placeIdCard' });
    expect(screenFor({ ...connected, kiosk: withReader('offline'), session: loss })).not.toHaveProperty(
      'readerLost',
    );
  });

  it('at the card step itself the resident is told before putting the card in', () => {
    const waiting = balanceSession({ step: 'insertCard' });
    expect(screenFor({ ...connected, kiosk: withReader('offline'), session: waiting })).toMatchObject({
      readerLost: true,
    });
  });
});
