/**
 * Field staff's supply and device work on the maintenance API (loopback; every route needs
 * `authorization: Bearer <token>` from POST /maintenance/login). Names are stable: the fleet
 * dashboard's scenarios and the kiosk's staff screens call them.
 *   GET  /maintenance/view            the staff screens' view: actions by role, devices, supplies
 *   POST /maintenance/refill          { device, supply, added, countedBefore?, denominationFen? }
 *   POST /maintenance/empty-bin       { device, supply, counted }
 *   POST /maintenance/test-dispense   one note of each cassette into the reject bin
 *   POST /maintenance/test-card       a blank through chip and print stations into the reject bin
 *   POST /maintenance/clear-fault     { device }: its self test again; healthy → back in service
 *   GET  /maintenance/reconciliation  ?since=<ISO time>: before + refilled − used = after, per supply
 *   POST /maintenance/settle-withdrawal { transactionId, verdict: 'paid' | 'notPaid' } (supervisor)
 *     or { transactionId, verdict: 'taken', takenFen }: what the resident took, as staff counted it
 *   POST /maintenance/settle-card-making { transactionId, card: 'inRejectBin' | 'taken' | 'missing' } (supervisor)
 *     or, for a replacement's handed-in card left unknown at boot,
 *     { transactionId, oldCard: 'inCaptureBin' | 'givenBack' | 'notFound' } (supervisor)
 *   GET  /maintenance/supply-acts-cut-off  refills and bin emptying a restart cut off, undecided
 *   POST /maintenance/settle-supply-act { transactionId, device, supply, verdict: 'done' | 'notDone' }
 *     (cash: supervisor); without device and supply only when the visit has one act left for staff
 */
import { Body, Controller, Get, Headers, HttpCode, Post, Query } from '@nestjs/common';
import {
  CARD_WHEREABOUTS,
  DEVICE_KINDS,
  ErrorCode,
  JAMMED_CARD_WHEREABOUTS,
  KioskError,
  SUPPLY_ACT_VERDICTS,
} from '@kiosk/domain';
import { z } from 'zod';
import { OLD_CARD_WHEREABOUTS } from '../journeys/old-card-staff-settlement.js';
import { MaintenanceDeviceChecksService } from './maintenance-device-checks.service.js';
import { MaintenanceSuppliesService, REPLENISHABLE_DEVICES } from './maintenance-supplies.service.js';
import { MaintenanceViewService } from './maintenance-view.service.js';
import { SupplyActSettlementService } from './supply-act-settlement.service.js';
import { bearer, coded } from './maintenance.controller.js';

const Count = z.int().min(0).max(100_000);
const Supply = z.string().regex(/^[A-Za-z][A-Za-z0-9:_-]{0,31}$/);
const RefillSchema = z.strictObject({
  device: z.enum(REPLENISHABLE_DEVICES),
  supply: Supply,
  added: Count,
  countedBefore: Count.optional(),
  denominationFen: z.int().positive().optional(),
});
const EmptyBinSchema = z.strictObject({
  device: z.enum(REPLENISHABLE_DEVICES),
  supply: Supply,
  counted: Count,
});
/** `jammedCard`: clearing a card printer's jam, where staff put the card that jammed */
const ClearFaultSchema = z.strictObject({
  device: z.enum(DEVICE_KINDS),
  jammedCard: z.enum(JAMMED_CARD_WHEREABOUTS).optional(),
});
const SettleSchema = z.union([
  z.strictObject({
    transactionId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
    verdict: z.enum(['paid', 'notPaid']),
  }),
  // what the resident took, as staff counted it (checked against the journal by the settlement)
  z.strictObject({
    transactionId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
    verdict: z.literal('taken'),
    takenFen: z.number(),
  }),
]);
const SettleCardSchema = z.strictObject({
  transactionId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  card: z.enum(CARD_WHEREABOUTS),
});
const SettleOldCardSchema = z.strictObject({
  transactionId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  oldCard: z.enum(OLD_CARD_WHEREABOUTS),
});
const SettleCardMakingSchema = z.union([SettleCardSchema, SettleOldCardSchema]);
const SettleSupplyActSchema = z.union([
  z.strictObject({
    transactionId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
    device: z.enum(REPLENISHABLE_DEVICES),
    supply: Supply,
    verdict: z.enum(SUPPLY_ACT_VERDICTS),
  }),
  // the shape of the release before: taken when the visit has one act left for staff
  z.strictObject({
    transactionId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
    verdict: z.enum(SUPPLY_ACT_VERDICTS),
  }),
]);
const SinceSchema = z.iso.datetime().optional();

function parsed<T>(schema: z.ZodType<T>, body: unknown, expected: string): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new KioskError(ErrorCode.GATEWAY_MALFORMED_MESSAGE, `Expected ${expected}.`);
  return result.data;
}

@Controller('maintenance')
export class MaintenanceActionsController {
  constructor(
    private readonly supplies: MaintenanceSuppliesService,
    private readonly checks: MaintenanceDeviceChecksService,
    private readonly views: MaintenanceViewService,
    private readonly supplyActs: SupplyActSettlementService,
  ) {}

  @Get('view')
  view(@Headers('authorization') authorization?: string) {
    return coded(() => this.views.view(bearer(authorization) ?? ''));
  }

  @Post('refill')
  @HttpCode(200)
  refill(@Body() body: unknown, @Headers('authorization') authorization?: string) {
    return coded(() =>
      this.supplies.refill(
        bearer(authorization) ?? '',
        parsed(RefillSchema, body, '{ device, supply, added, countedBefore?, denominationFen? }'),
      ),
    );
  }

  @Post('empty-bin')
  @HttpCode(200)
  emptyBin(@Body() body: unknown, @Headers('authorization') authorization?: string) {
    return coded(() =>
      this.supplies.emptyBin(
        bearer(authorization) ?? '',
        parsed(EmptyBinSchema, body, '{ device, supply, counted }'),
      ),
    );
  }

  @Post('test-dispense')
  @HttpCode(200)
  testDispense(@Headers('authorization') authorization?: string) {
    return coded(() => this.checks.testDispense(bearer(authorization) ?? ''));
  }

  @Post('test-card')
  @HttpCode(200)
  testCard(@Headers('authorization') authorization?: string) {
    return coded(() => this.checks.testCard(bearer(authorization) ?? ''));
  }

  @Post('clear-fault')
  @HttpCode(200)
  clearFault(@Body() body: unknown, @Headers('authorization') authorization?: string) {
    return coded(() => {
      const { device, jammedCard } = parsed(ClearFaultSchema, body, '{ device } or { device, jammedCard }');
      return this.checks.clearFault(bearer(authorization) ?? '', device, jammedCard);
    });
  }

  @Get('reconciliation')
  reconciliation(@Query('since') since: unknown, @Headers('authorization') authorization?: string) {
    return coded(() =>
      this.views.reconciliation(
        bearer(authorization) ?? '',
        parsed(SinceSchema, since, 'since as an ISO time'),
      ),
    );
  }

  @Post('settle-withdrawal')
  @HttpCode(200)
  settle(@Body() body: unknown, @Headers('authorization') authorization?: string) {
    return coded(() => {
      const settle = parsed(
        SettleSchema,
        body,
        '{ transactionId, verdict } or { transactionId, verdict: taken, takenFen }',
      );
      const verdict = settle.verdict === 'taken' ? { takenFen: settle.takenFen } : settle.verdict;
      return this.checks.settleWithdrawal(bearer(authorization) ?? '', settle.transactionId, verdict);
    });
  }

  @Post('settle-card-making')
  @HttpCode(200)
  settleCardMaking(@Body() body: unknown, @Headers('authorization') authorization?: string) {
    return coded((): Promise<object> => {
      const settle = parsed(
        SettleCardMakingSchema,
        body,
        '{ transactionId, card } or { transactionId, oldCard }',
      );
      const token = bearer(authorization) ?? '';
      if ('oldCard' in settle) return this.checks.settleOldCard(token, settle.transactionId, settle.oldCard);
      return this.checks.settleCardMaking(token, settle.transactionId, settle.card);
    });
  }

  @Get('supply-acts-cut-off')
  supplyActsCutOff(@Headers('authorization') authorization?: string) {
    return coded(() => this.supplyActs.pending(bearer(authorization) ?? ''));
  }

  @Post('settle-supply-act')
  @HttpCode(200)
  settleSupplyAct(@Body() body: unknown, @Headers('authorization') authorization?: string) {
    return coded(() => {
      const { verdict, ...named } = parsed(
        SettleSupplyActSchema,
        body,
        '{ transactionId, device, supply, verdict }',
      );
      return this.supplyActs.settle(bearer(authorization) ?? '', named, verdict);
    });
  }
}
