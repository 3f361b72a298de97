import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module.js';
import { KioskGateway } from './kiosk.gateway.js';

@Module({
  imports: [SessionsModule],
  providers: [KioskGateway],
})
export class GatewayModule {}
