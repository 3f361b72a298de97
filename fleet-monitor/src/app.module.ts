import { Module } from '@nestjs/common';
import { HealthModule } from './health/health.module.js';

/** The fleet monitor. For now it only reports its own health; MQTT ingest, store and alerts come later. */
@Module({
  imports: [HealthModule],
})
export class AppModule {}
