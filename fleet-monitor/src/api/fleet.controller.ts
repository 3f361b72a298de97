/**
 * The operators' REST API. Every route needs a session (viewer or operator); acknowledging alerts
 * and sending commands need the operator role.
 *   GET  /kiosks[?hallId=]           fleet list by hall (kiosks without one last), then kiosk id: connection,
 *                                    mode, supplies, active alerts
 *   GET  /kiosks/:id                 detail: last status, recent events, commands with their acks, alerts
 *   POST /kiosks/:id/commands        `{ type, ... }` → 202 with the command (published QoS 1)
 *   GET  /alerts?state=active|all    active alerts, or the history
 *   POST /alerts/:id/ack             acknowledge
 *   GET  /stats/daily?days=14[&kioskId=]  cards issued, withdrawals, completed and failed journeys per day
 */
import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  UseGuards,
} from '@nestjs/common';
import { z } from 'zod';
import { ErrorCode } from '@kiosk/domain';
import { COMMAND_TYPES, type Command } from '../contract/telemetry.contract.js';
import { FleetMonitor, type CommandInput } from '../fleet-monitor.js';
import { OperatorGuard, Roles, type AuthenticatedRequest } from '../auth/operator.guard.js';
import type { AlertRow, DailyCounts } from '../store/fleet-store.js';
import { lastDaysCounted } from '../store/days-counted.js';
import { badRequest, unknownKiosk } from './api-errors.js';
import { DashboardGateway } from '../dashboard/dashboard.gateway.js';
import { fleetView } from '../dashboard/dashboard-views.js';

const CommandRequestSchema = z.object({ type: z.enum(COMMAND_TYPES) }).loose();

@Controller()
@UseGuards(OperatorGuard)
export class FleetController {
  constructor(
    @Inject(FleetMonitor) private readonly fleet: FleetMonitor,
    // open dashboards hear of what is done through this API too
    private readonly dashboard: DashboardGateway,
  ) {}

  @Get('kiosks')
  async list(@Query('hallId') hallId?: string): Promise<unknown[]> {
    // the dashboard's fleet rows in the dashboard's order; this API answers each supply's level only
    return (await fleetView(this.fleet.store))
      .filter((row) => hallId === undefined || row.hallId === hallId)
      .map((row) => ({
        ...row,
        supplies: row.supplies.map(({ device, name, level }) => ({ device, name, level })),
      }));
  }

  @Get('kiosks/:id')
  async detail(@Param('id') kioskId: string): Promise<unknown> {
    const kiosk = await this.fleet.store.kiosk(kioskId);
    if (!kiosk) throw unknownKiosk(kioskId);
    return {
      ...kiosk,
      events: await this.fleet.store.recentEvents(kioskId),
      commands: await this.fleet.store.commands(kioskId),
      alerts: await this.fleet.store.activeAlertsOf(kioskId),
    };
  }

  @Post('kiosks/:id/commands')
  @HttpCode(202)
  @Roles('operator')
  async command(
    @Param('id') kioskId: string,
    @Body() body: unknown,
    @Req() request: AuthenticatedRequest,
  ): Promise<Command> {
    if (!this.fleet.access.knows(kioskId)) throw unknownKiosk(kioskId);
    const input = CommandRequestSchema.safeParse(body);
    if (!input.success) throw badRequest(input.error);
    try {
      const command = await this.fleet.sendCommand(
        kioskId,
        input.data as CommandInput,
        request.operator.username,
      );
      this.dashboard.changed(kioskId);
      return command;
    } catch (error) {
      if (error instanceof z.ZodError) throw badRequest(error);
      throw error;
    }
  }

  @Get('alerts')
  alerts(@Query('state') state: unknown = 'active'): Promise<AlertRow[]> {
    // a state misspelt (`cleared`, `All`) is refused, not answered with the active ones as if asked
    if (state !== 'active' && state !== 'all')
      throw new BadRequestException({ code: ErrorCode.FLEET_BAD_REQUEST, message: 'state: active or all' });
    return state === 'all' ? this.fleet.store.alertHistory() : this.fleet.store.activeAlerts();
  }

  @Get('stats/daily')
  daily(@Query('days') days = '14', @Query('kioskId') kioskId?: string): Promise<DailyCounts[]> {
    const span = /^\d{1,3}$/.test(days) ? Number(days) : Number.NaN;
    if (!(span >= 1 && span <= 366))
      throw new BadRequestException({
        code: ErrorCode.FLEET_BAD_REQUEST,
        message: 'days: a whole number 1–366',
      });
    return lastDaysCounted(this.fleet.store, span, kioskId ?? null);
  }

  @Post('alerts/:id/ack')
  @HttpCode(200)
  @Roles('operator')
  async acknowledge(@Param('id') id: string, @Req() request: AuthenticatedRequest): Promise<AlertRow> {
    const alert = /^\d+$/.test(id) ? await this.fleet.store.alert(Number(id)) : undefined;
    if (!alert)
      throw new NotFoundException({ code: ErrorCode.FLEET_ALERT_UNKNOWN, message: `no alert ${id}` });
    await this.fleet.store.acknowledgeAlert(alert.id, request.operator.username, new Date().toISOString());
    this.dashboard.changed(alert.kioskId, true);
    return (await this.fleet.store.alert(alert.id))!;
  }
}
