import { Module } from '@nestjs/common';
import { DevicesModule } from '../devices/devices.module.js';
import { JournalModule } from '../journal/journal.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { MaintenanceController } from './maintenance.controller.js';
import { MaintenanceService } from './maintenance.service.js';

/** Field staff's maintenance mode: log-in with staff card and PIN pad, audited actions. */
@Module({
  imports: [DevicesModule, JournalModule, SessionsModule],
  controllers: [MaintenanceController],
  providers: [MaintenanceService],
  exports: [MaintenanceService],
})
export class MaintenanceModule {}
