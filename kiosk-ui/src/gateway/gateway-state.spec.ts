import { ErrorCode } from '@kiosk/domain';
import { balanceSession, kioskInService } from '../screens/sample-views';
import { initialGatewayState, reduceGateway, type GatewayEvent } from './gateway-state';

const run = (...events: GatewayEvent[]) => events.reduce(reduceGateway, initialGatewayState);

describe('reduceGateway', () => {
  it('holds exactly what the daemon last sent', () => {
    const state = run(
      { type: 'connected' },
      { type: 'kiosk.view', view: kioskInService },
      { type: 'session.view', view: balanceSession() },
    );
    expect(state).toMatchObject({
      connection: 'connected',
      kiosk: kioskInService,
      session: balanceSession(),
    });
  });

  it('forgets the session and kiosk on disconnect, so nothing personal stays on screen', () => {
    const state = run(
      { type: 'connected' },
      { type: 'kiosk.view', view: kioskInService },
      {
        type: 'session.view',
        view: balanceSession({
          step: 'showBalance',
          card: { maskedCardNumber: 'H41******101', maskedName: '张*明' },
        }),
      },
      { type: 'disconnected' },
    );
    expect(state).toEqual({ ...initialGatewayState, connection: 'disconnected' });
  });

  it('clears a refusal when the session moves to another step, not before', () => {
    const error = { code: ErrorCode.SESSION_BUSY, message: 'busy' };
    const refused = run({ type: 'session.view', view: balanceSession() }, { type: 'gateway.error', error });
    expect(reduceGateway(refused, { type: 'session.view', view: balanceSession() }).notice).toEqual(error);
    expect(
      reduceGateway(refused, { type: 'session.view', view: balanceSession({ step: 'readingCard' }) }).notice,
    ).toBeNull();
  });

  it('drops a refusal the resident dismissed', () => {
    const error = { code: ErrorCode.JOURNEY_NOT_OFFERED, message: 'no' };
    expect(run({ type: 'gateway.error', error }, { type: 'notice.dismissed' }).notice).toBeNull();
  });

  it('keeps a refused demo panel action in the panel, off the resident’s screen', () => {
    const error = { code: ErrorCode.GATEWAY_NOT_ALLOWED, message: 'not emulated', event: 'demo.fault' };
    const state = run({ type: 'gateway.error', error });
    expect(state.notice).toBeNull();
    expect(state.demoNotice).toEqual(error);
  });
});
