import { Module } from '@nestjs/common';
import { DevicesModule } from '../devices/devices.module.js';
import { HostModule } from '../host/host.module.js';
import { CardMakingReports } from '../journeys/card-making-reports.js';
import { PinResetReports } from '../journeys/pin-reset-report.js';
import { CardActivations } from '../journeys/card-activation.js';
import { journaledHostRetriesProvider, WithdrawalHoldRelease } from '../journeys/withdrawal-hold-release.js';
import { JournalModule } from '../journal/journal.module.js';
import { NotesLeftOwedSteps } from '../journeys/notes-left-owed.js';
import { DemoImagesController } from './demo-images.controller.js';
import { DemoService } from './demo.service.js';
import { PinOutcomeReports } from './pin-outcome-to-host.js';
import { SessionActorsFactory } from './session-actors.js';
import { SessionRecoveryService } from './session-recovery.service.js';
import { SessionsService } from './sessions.service.js';
import { SlotCardRecovery } from './slot-card-recovery.js';

@Module({
  imports: [DevicesModule, HostModule, JournalModule],
  // the demo panel's receipt and card face previews (demo profile only)
  controllers: [DemoImagesController],
  providers: [
    SessionsService,
    SessionActorsFactory,
    SessionRecoveryService,
    DemoService,
    // the background tries of host acts: one for the daemon, injected where acts are handed to it
    // (WithdrawalHoldRelease, the session actors, recovery, CardMakingReports); ended at shutdown
    journaledHostRetriesProvider,
    WithdrawalHoldRelease,
    SlotCardRecovery,
    // recovery's card reports the host did not answer, on the same background tries
    CardMakingReports,
    // PIN reset reports the host had not answered when the kiosk stopped, sent again at boot
    PinResetReports,
    // card activations the host had not answered when the kiosk stopped, sent again at boot
    CardActivations,
    // PIN outcomes owed to the host: sent in each card's order, again at boot after a restart
    PinOutcomeReports,
    // the withdrawals' notes-left steps owed to a journal that refused them: the daemon's own
    NotesLeftOwedSteps,
  ],
  exports: [SessionsService, DemoService, SessionRecoveryService],
})
export class SessionsModule {}
