import { Inject, Logger } from '@nestjs/common';
import {
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { KioskConfig } from '@kiosk/config';
import {
  ErrorCode,
  GATEWAY_SOCKET_BUFFER_BYTES,
  KioskError,
  OutboundEvents,
  type Ack,
  type DemoLooks,
  type GatewayErrorBody,
} from '@kiosk/domain';
import type { Server, Socket } from 'socket.io';
import { KIOSK_CONFIG } from '../config/kiosk-config.token.js';
import { DemoService } from '../sessions/demo.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { MetricsService } from '../telemetry/metrics.service.js';
import { isDemoEvent, validateInbound, type ValidatedMessage } from './inbound-message.js';

/**
 * The socket.io road to the touch UI, on the daemon's loopback HTTP server. Inbound messages are
 * validated at the border and answered through their acknowledgement; outbound views are the
 * safe session views only.
 */
// socket.io reads a packet up to GATEWAY_SOCKET_BUFFER_BYTES whatever gateway.maxPayloadBytes says
// (at most half of it): a message over the configured bound gets its code, not a dropped connection
@WebSocketGateway({ path: '/socket.io', serveClient: false, maxHttpBufferSize: GATEWAY_SOCKET_BUFFER_BYTES })
export class KioskGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly log = new Logger('Gateway');
  @WebSocketServer() server!: Server;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly sessions: SessionsService,
    private readonly demo: DemoService,
    private readonly metrics: MetricsService,
    @Inject(KIOSK_CONFIG) private readonly config: KioskConfig,
  ) {}

  afterInit(server: Server): void {
    this.unsubscribe = this.sessions.onViewChange((kind) => {
      if (kind === 'kiosk') server.emit(OutboundEvents.kioskView, this.sessions.kioskView());
      if (kind === 'session') server.emit(OutboundEvents.sessionView, this.sessions.sessionView());
      if (kind === 'demo' && this.config.demo.panel) server.emit(OutboundEvents.demoState, this.demo.state());
    });
  }

  handleConnection(socket: Socket): void {
    socket.use(([event, ...args], _next) => {
      const last = args[args.length - 1];
      const ack = typeof last === 'function' ? (last as (a: Ack) => void) : undefined;
      const payload = ack ? args.slice(0, -1)[0] : args[0];
      void this.handle(socket, event, payload, ack);
    });
    socket.emit(OutboundEvents.kioskView, this.sessions.kioskView());
    socket.emit(OutboundEvents.sessionView, this.sessions.sessionView());
    if (this.config.demo.panel) socket.emit(OutboundEvents.demoState, this.demo.state());
  }

  handleDisconnect(): void {
    // A UI reconnecting finds the same session; nothing to do here.
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  private async handle(
    socket: Socket,
    event: unknown,
    payload: unknown,
    ack?: (a: Ack) => void,
  ): Promise<void> {
    try {
      const message = validateInbound(event, payload, this.config.gateway.maxPayloadBytes);
      if (isDemoEvent(message.event) && !this.config.demo.panel) {
        throw new KioskError(
          ErrorCode.GATEWAY_NOT_ALLOWED,
          'The emulator panel exists only in the demo profile.',
        );
      }
      const answer = await this.dispatch(message);
      ack?.(answer ? { ok: true, ...answer } : { ok: true });
    } catch (e) {
      const error = KioskError.from(e);
      if (error.code === ErrorCode.INTERNAL) this.log.error(`gateway handler failed: ${String(e)}`);
      this.metrics.gatewayErrors.inc({ code: error.code });
      const body: GatewayErrorBody = {
        code: error.code,
        message: error.message,
        ...(typeof event === 'string' ? { event: event.slice(0, 40) } : {}),
      };
      if (ack) ack({ ok: false, error: body });
      else socket.emit(OutboundEvents.gatewayError, body);
    }
  }

  /** Acts on one message; a request's answer (`demo.looks`) goes back in its acknowledgement. */
  private async dispatch(message: ValidatedMessage): Promise<void | { looks: DemoLooks }> {
    switch (message.event) {
      case 'session.start':
        return this.sessions.startSession(message.payload.journey);
      case 'session.command':
        return this.sessions.command(message.payload.command);
      case 'session.amount':
        return this.sessions.chooseAmount(message.payload.amountFen);
      case 'session.specialWithdrawal':
        return this.sessions.specialWithdrawal(message.payload.kind);
      case 'locale.set':
        return this.sessions.setLocale(message.payload.locale);
      case 'demo.card':
        return this.demo.card(message.payload.action, message.payload.cardId);
      case 'demo.pinpad':
        return this.demo.pinPadKey(message.payload.key);
      case 'demo.idCard':
        return this.demo.idCard(message.payload.action, message.payload.idCardId);
      case 'demo.face':
        return this.demo.face(message.payload.score);
      case 'demo.cash':
        return this.demo.takeCash();
      case 'session.payFee':
        return this.sessions.payFee(message.payload.method);
      case 'session.replacementReason':
        return this.sessions.replacementReason(message.payload.reason);
      case 'demo.newCard':
        return this.demo.takeNewCard();
      case 'demo.payment':
        return this.demo.payQr();
      case 'demo.looks': {
        const { device, more, withinMs } = message.payload;
        return { looks: await this.demo.looks(device, more, withinMs) };
      }
      case 'demo.fault':
        return this.demo.fault(message.payload.device, message.payload.fault);
    }
  }
}
