import type { SessionStep } from '@kiosk/domain';
import { initialGatewayState } from '../gateway/gateway-state';
import { screenFor } from './screen-for-view';
import { presentationOf } from './step-presentations';
import { balanceSession, kioskInService } from './sample-views';

const connected = { ...initialGatewayState, connection: 'connected' as const };

describe('screenFor', () => {
  it('shows "reconnecting" whenever the socket is not connected, whatever was known', () => {
    expect(screenFor({ ...connected, connection: 'disconnected', kiosk: kioskInService })).toEqual({
      kind: 'reconnecting',
    });
    expect(screenFor(initialGatewayState)).toEqual({ kind: 'reconnecting' });
  });

  it('waits for the first kiosk view before offering anything', () => {
    expect(screenFor(connected)).toEqual({ kind: 'starting' });
    expect(screenFor({ ...connected, kiosk: { ...kioskInService, mode: 'selfTest' } })).toEqual({
      kind: 'starting',
    });
  });

  it('offers the journeys of the kiosk view on the home screen', () => {
    const kiosk = { ...kioskInService, journeysOffered: ['balance', 'records'] as const };
    expect(screenFor({ ...connected, kiosk })).toEqual({ kind: 'home', journeys: ['balance', 'records'] });
  });

  it('shows the reason on the home screen of a degraded kiosk', () => {
    const kiosk = { ...kioskInService, mode: 'degraded' as const, reason: 'DEVICE_SUPPLY_EMPTY' };
    expect(screenFor({ ...connected, kiosk })).toMatchObject({
      kind: 'home',
      degradedReason: 'DEVICE_SUPPLY_EMPTY',
    });
  });

  it('shows out of service with its reason, and maintenance apart', () => {
    const kiosk = { ...kioskInService, mode: 'outOfService' as const, reason: 'DEVICE_OFFLINE' };
    expect(screenFor({ ...connected, kiosk })).toEqual({
      kind: 'outOfService',
      maintenance: false,
      reason: 'DEVICE_OFFLINE',
    });
    expect(screenFor({ ...connected, kiosk: { ...kioskInService, mode: 'maintenance' } })).toEqual({
      kind: 'outOfService',
      maintenance: true,
    });
  });

  it('is out of service when the kiosk offers no journey at all', () => {
    expect(screenFor({ ...connected, kiosk: { ...kioskInService, journeysOffered: [] } })).toMatchObject({
      kind: 'outOfService',
    });
  });

  it('keeps a resident’s session on screen even when the kiosk goes out of service', () => {
    const kiosk = { ...kioskInService, mode: 'outOfService' as const };
    const session = balanceSession({ step: 'takeCard' });
    expect(screenFor({ ...connected, kiosk, session })).toMatchObject({
      kind: 'session',
      presentation: { layout: 'takeCard' },
    });
  });

  it('shows the home screen for a session still choosing its journey', () => {
    const session = balanceSession({ step: 'chooseJourney', journey: null });
    expect(screenFor({ ...connected, kiosk: kioskInService, session })).toMatchObject({ kind: 'home' });
  });

  it('back at "choose" after a journey with the card still in: finishing returns the card', () => {
    const session = balanceSession({ step: 'chooseJourney', journey: 'records' });
    expect(screenFor({ ...connected, kiosk: kioskInService, session })).toMatchObject({
      kind: 'session',
      presentation: { layout: 'done', primary: { command: 'finish' } },
    });
  });
});

describe('presentationOf', () => {
  it.each<[SessionStep, string, string | undefined]>([
    ['insertCard', 'waitForCard', 'cancel'],
    ['enterPin', 'pinEntry', 'cancel'],
    ['readingCard', 'progress', undefined],
    ['verifyingPin', 'progress', undefined],
    ['queryingBalance', 'progress', undefined],
    ['ejectingCard', 'progress', undefined],
    ['retractingCard', 'progress', undefined],
    ['takeCard', 'takeCard', undefined],
    ['placeIdCard', 'waitForIdCard', 'cancel'],
    ['chooseAmount', 'amount', 'cancel'],
    ['makingCard', 'issuance', undefined],
    ['takeCash', 'takeCash', undefined],
    ['enterNewPin', 'pinEntry', 'cancel'],
  ])('presents %s as %s with the way out %s', (step, layout, cancel) => {
    const presentation = presentationOf(step);
    expect(presentation.layout).toBe(layout);
    expect(presentation.cancel?.command).toBe(cancel);
  });

  it('ends the balance screen with "finish", which returns the card', () => {
    expect(presentationOf('showBalance').primary).toEqual({ command: 'finish', label: 'common.finish' });
  });

  it('answers a step’s one question with its own command and offers a way out', () => {
    expect(presentationOf('showRecords').primary?.command).toBe('print');
    expect(presentationOf('faceNotMatched').primary?.command).toBe('retry');
    expect(presentationOf('confirmLoss').primary?.command).toBe('confirm');
    // the fee has two answers (QR or account), sent by the fee screen's own buttons
    expect(presentationOf('payFee')).toMatchObject({ layout: 'payFee' });
    expect(presentationOf('payFee').primary).toBeUndefined();
    for (const step of ['showRecords', 'faceNotMatched', 'payFee', 'confirmLoss'] as const) {
      expect(presentationOf(step).cancel).toBeDefined();
    }
  });

  it('offers no way out once money or a card is on its way', () => {
    for (const step of ['authorisingWithdrawal', 'dispensingCash', 'takeCash', 'makingCard'] as const) {
      expect(presentationOf(step).cancel).toBeUndefined();
    }
  });

  it('shows a step it does not know yet as progress instead of failing', () => {
    expect(presentationOf('someFutureStep' as SessionStep)).toEqual({ layout: 'progress' });
  });
});
