/** What the sessions service tells its listeners, and what the touch screen's buttons mean. */
import type { InboundPayload, Journey } from '@kiosk/domain';
import type { SessionOutput } from '@kiosk/state-machines';

export type ViewKind = 'kiosk' | 'session' | 'demo';

export type SessionCommand = InboundPayload<'session.command'>['command'];

/** What each button of the touch screen means to the session machine. */
export const COMMAND_EVENTS = {
  cancel: 'CANCEL',
  continue: 'MORE_TIME',
  moreTime: 'MORE_TIME',
  finish: 'FINISH',
  print: 'PRINT',
  retry: 'RETRY',
  confirm: 'CONFIRM',
} as const satisfies Record<SessionCommand, string>;

/** How a session ended, for metrics and the fleet: codes and a duration, no personal data. */
export interface SessionEnded {
  readonly journey: Journey;
  readonly outcome: SessionOutput['outcome'];
  readonly code: string | null;
  readonly durationMs: number;
  /** the card locked its PIN in this session, whatever code ended it (`SessionOutput.pinLocked`) */
  readonly pinLocked?: true;
}
