/**
 * The journey machines a session runs, each provided with its devices, the host and the journal
 * (`SessionActorsFactory` adds them to the session machine's own actors). Each finds the scope of
 * the session it serves with `scopeOf`.
 */
import { Logger } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import type { KioskConfig } from '@kiosk/config';
import { KioskError } from '@kiosk/domain';
import type {
  IdentifyMachine,
  IssueCardMachine,
  NewPinMachine,
  RecordsMachine,
  ReportLossMachine,
  WithdrawalMachine,
} from '@kiosk/state-machines';
import type { DevicesService } from '../devices/devices.service.js';
import type { HostService } from '../host/host.service.js';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import type { JournaledHostRetries } from '../host/journaled-host-retries.js';
import type { JournalService } from '../journal/journal.service.js';
import { provideIdentifyJourney } from '../journeys/identify-journey.js';
import { provideIssueCardJourney } from '../journeys/issue-card-journey.js';
import { provideNewPinJourney } from '../journeys/new-pin-journey.js';
import { provideRecordsJourney } from '../journeys/records-journey.js';
import { provideReportLossJourney } from '../journeys/report-loss-journey.js';
import type { NotesLeftOwedSteps } from '../journeys/notes-left-owed.js';
import type { SessionScopes } from '../journeys/session-scope.js';
import { provideWithdrawalJourney } from '../journeys/withdrawal-journey.js';
import type { WithdrawalHoldRelease } from '../journeys/withdrawal-hold-release.js';
// read only when a withdrawal leaves notes, never as the module loads: an import cycle runs through it
import { SessionRecoveryService } from './session-recovery.service.js';

export interface SessionJourneys {
  readonly identifyJourney: IdentifyMachine;
  readonly recordsJourney: RecordsMachine;
  readonly withdrawalJourney: WithdrawalMachine;
  readonly newPinJourney: NewPinMachine;
  readonly reportLossJourney: ReportLossMachine;
  readonly issueCardJourney: IssueCardMachine;
}

export interface SessionJourneyDeps {
  readonly devices: DevicesService;
  readonly host: HostService;
  readonly journal: JournalService;
  readonly config: KioskConfig;
  readonly issuance: IssuanceHostService;
  readonly holdRelease: WithdrawalHoldRelease;
  /** the background tries of host acts (the daemon's one provider): reversals, confirms, fee closes */
  readonly retries: JournaledHostRetries;
  /** the daemon's owed notes-left steps: a withdrawal's retract owes one, held back while one is */
  readonly notesLeftOwed: NotesLeftOwedSteps;
  /** reaches recovery, where notes a withdrawal left in the presenter wait (absent in unit specs) */
  readonly moduleRef?: ModuleRef;
}

export function provideSessionJourneys(
  deps: SessionJourneyDeps,
  scopeOf: SessionScopes['of'],
): SessionJourneys {
  const { devices, host, config, moduleRef } = deps;
  const { cardReader, pinPad } = devices;
  return {
    identifyJourney: provideIdentifyJourney(
      { idReader: devices.idReader, camera: devices.camera, config },
      scopeOf,
    ),
    withdrawalJourney: provideWithdrawalJourney(
      {
        host,
        dispenser: devices.cashDispenser,
        printer: devices.receiptPrinter,
        config,
        holdRelease: deps.holdRelease,
        retries: deps.retries,
        idReader: devices.idReader,
        cardReader,
        // notes its retract left in the presenter wait for the dispenser (ADR 0020's late settlement)
        notesLeft: (serial) => tellNotesLeft(moduleRef, serial),
        notesLeftOwed: deps.notesLeftOwed,
      },
      scopeOf,
    ),
    newPinJourney: provideNewPinJourney({ host, pinPad, cardReader, config, retries: deps.retries }, scopeOf),
    reportLossJourney: provideReportLossJourney(host, config, scopeOf),
    issueCardJourney: provideIssueCardJourney(
      {
        host,
        issuance: deps.issuance,
        printer: devices.cardPrinter,
        cardMaking: devices.cardMaking,
        config,
        journal: deps.journal,
        idReader: devices.idReader,
        cardReader,
        feeRetry: deps.retries,
        retries: deps.retries,
      },
      scopeOf,
    ),
    recordsJourney: provideRecordsJourney(
      { host, printer: devices.receiptPrinter, cardReader, config },
      scopeOf,
    ),
  };
}

const log = new Logger('SessionJourneys');

/**
 * Tells recovery that a withdrawal left its notes in the presenter (they wait for the dispenser).
 * Its journal read failing is said, never left an unhandled rejection that would stop the daemon:
 * the notes are journaled already, and the next boot's sweep or staff settle them.
 */
export function tellNotesLeft(moduleRef: Pick<ModuleRef, 'get'> | undefined, serial: string): void {
  const said = (e: unknown) =>
    log.error(
      `withdrawal ${serial}: its notes left in the presenter are not watched for the dispenser's comeback (${KioskError.from(e).code}); the next boot or field staff settle them`,
    );
  try {
    moduleRef?.get(SessionRecoveryService, { strict: false }).notesLeftInPresenter(serial).catch(said);
  } catch (e) {
    said(e);
  }
}
