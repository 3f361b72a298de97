import { Module } from '@nestjs/common';
import { DevicesModule } from '../devices/devices.module.js';
import { JournalModule } from '../journal/journal.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { JournalExportController } from './journal-export.controller.js';
import { MaintenanceActionsController } from './maintenance-actions.controller.js';
import { MaintenanceDeviceChecksService } from './maintenance-device-checks.service.js';
import { MaintenanceSuppliesService } from './maintenance-supplies.service.js';
import { MaintenanceViewService } from './maintenance-view.service.js';
import { MaintenanceController } from './maintenance.controller.js';
import { MaintenanceService } from './maintenance.service.js';
import { SupplyActSettlementService } from './supply-act-settlement.service.js';

/** Field staff's maintenance mode: log-in with staff card and PIN pad, audited actions. */
@Module({
  imports: [DevicesModule, JournalModule, SessionsModule],
  controllers: [MaintenanceController, MaintenanceActionsController, JournalExportController],
  providers: [
    MaintenanceService,
    MaintenanceSuppliesService,
    MaintenanceDeviceChecksService,
    MaintenanceViewService,
    SupplyActSettlementService,
  ],
  exports: [MaintenanceService],
})
export class MaintenanceModule {}
