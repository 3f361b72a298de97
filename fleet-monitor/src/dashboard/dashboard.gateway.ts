/**
 * The operators' dashboard over socket.io, on the monitor's HTTP server. A connection needs a live
 * operator session (`auth: { token }` from `POST /auth/login`); every message is checked again
 * against the session (expired or logged out: FLEET_LOGIN_FAILED, and the socket is closed),
 * validated at the border, role-checked (acknowledging alerts, commands and journal extracts:
 * operator), and answered through its acknowledgement. What changes in the fleet is pushed
 * (dashboard-feed), and what another monitor took in is found by reading the store again (resync).
 */
import { Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  type OnGatewayConnection,
  type OnGatewayInit,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { FleetMonitor } from '../fleet-monitor.js';
import { OperatorSessions, type OperatorSession } from '../auth/operator-sessions.js';
import {
  DASHBOARD_MAX_PAYLOAD_BYTES,
  DashboardOutbound,
  type AlertView,
  type DashboardAck,
  type DashboardSession,
} from './dashboard.contract.js';
import { validateDashboardMessage, type DashboardMessage } from './dashboard-inbound.js';
import { DashboardFeed, type FleetChanges } from './dashboard-feed.js';
import {
  changedViews,
  fleetView,
  kioskDetailView,
  kiosksWhoseAlertsDiffer,
  statsView,
} from './dashboard-views.js';

/**
 * The most of a packet socket.io reads: anything over it is dropped by socket.io itself (the
 * connection closes, no code; the monitor stays up). Derived from the payload bound, as the kiosk
 * gateway's GATEWAY_SOCKET_BUFFER_BYTES is, so that it stays above it: every message over the
 * bound up to 16 KiB gets GATEWAY_MESSAGE_TOO_LARGE on its connection, none within it is dropped.
 * Kept this low (the kiosk's is 2 MiB) as operators reach this socket over the network.
 */
const SOCKET_MAX_BUFFER_BYTES = 8 * DASHBOARD_MAX_PAYLOAD_BYTES;
const STATS_ROOM = 'stats';
/**
 * How often the store is read again for what this monitor's ingest did not hear of: with several
 * monitors on one broker group, events and acks reach only one of them, and a notification from
 * another monitor can be lost while its connection is down (ADR 0009).
 */
export const RESYNC_INTERVAL_MS = 3000;
/** the daily counts are read again every this many resyncs while a page shows them */
const STATS_RESYNC_EVERY = 10;
const kioskRoom = (kioskId: string): string => `kiosk:${kioskId}`;

interface SocketData {
  token: string;
  watching?: string;
  statsDays?: number;
}

@WebSocketGateway({ path: '/socket.io', serveClient: false, maxHttpBufferSize: SOCKET_MAX_BUFFER_BYTES })
export class DashboardGateway implements OnGatewayInit, OnGatewayConnection, OnModuleDestroy {
  private readonly log = new Logger('Dashboard');
  @WebSocketServer() server!: Server;
  private readonly feed = new DashboardFeed((changes) => this.push(changes));
  private resyncTimer?: NodeJS.Timeout;
  private resyncs = 0;
  private resyncing = false;
  /** what was pushed last: the active alerts, and each watched kiosk's detail (as JSON) */
  private pushedAlerts: readonly AlertView[] = [];
  private readonly pushedDetails = new Map<string, string>();

  constructor(
    @Inject(FleetMonitor) private readonly fleet: FleetMonitor,
    private readonly sessions: OperatorSessions,
  ) {}

  afterInit(server: Server): void {
    server.use((socket, next) => {
      const token: unknown = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      if (typeof token !== 'string' || !this.sessions.find(token))
        return next(
          Object.assign(new Error('log in first: POST /auth/login'), {
            data: { code: ErrorCode.FLEET_LOGIN_FAILED },
          }),
        );
      (socket.data as SocketData).token = token;
      next();
    });
    this.feed.follow(this.fleet.ingest);
    this.resyncTimer = setInterval(() => void this.resync(), RESYNC_INTERVAL_MS);
    this.resyncTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.resyncTimer);
    this.feed.stop();
  }

  /** Another road (the REST API) changed this kiosk or its alerts: pushed like an ingested change. */
  changed(kioskId: string, alertsChanged = false): void {
    this.feed.kiosk(kioskId, alertsChanged);
  }

  async handleConnection(socket: Socket): Promise<void> {
    socket.use(([event, ...args], _next) => {
      const last = args[args.length - 1];
      const ack = typeof last === 'function' ? (last as (answer: DashboardAck) => void) : undefined;
      void this.handle(socket, event, ack ? args.slice(0, -1)[0] : args[0], ack);
    });
    const session = this.session(socket);
    if (!session) return void socket.disconnect(true);
    const who: DashboardSession = { username: session.username, role: session.role };
    socket.emit(DashboardOutbound.session, who);
    try {
      const store = this.fleet.store;
      socket.emit(DashboardOutbound.fleet, await fleetView(store));
      const alerts = await store.activeAlerts();
      socket.emit(DashboardOutbound.alerts, alerts);
      // later pushes replace the alerts of the kiosks they change: those this list shows otherwise
      // than the last push (changed since, perhaps back again) are pushed again, so the page settles
      for (const kioskId of kiosksWhoseAlertsDiffer(this.pushedAlerts, alerts))
        this.feed.kiosk(kioskId, true);
    } catch (error) {
      this.log.error(`could not send the fleet to a new dashboard: ${String(error)}`);
    }
  }

  private session(socket: Socket): OperatorSession | undefined {
    return this.sessions.find((socket.data as SocketData).token);
  }

  private async handle(
    socket: Socket,
    event: unknown,
    payload: unknown,
    ack?: (answer: DashboardAck) => void,
  ): Promise<void> {
    const session = this.session(socket);
    try {
      if (!session) throw new KioskError(ErrorCode.FLEET_LOGIN_FAILED, 'The session ended; log in again.');
      const data = await this.dispatch(
        socket,
        session,
        validateDashboardMessage(event, payload, session.role),
      );
      ack?.({ ok: true, ...(data !== undefined && { data }) });
    } catch (error) {
      const coded = KioskError.from(error);
      if (coded.code === ErrorCode.INTERNAL) this.log.error(`dashboard message failed: ${String(error)}`);
      ack?.({
        ok: false,
        error: {
          code: coded.code,
          message: coded.message,
          ...(typeof event === 'string' && { event: event.slice(0, 40) }),
        },
      });
    }
    if (!session) socket.disconnect(true);
  }

  private async dispatch(
    socket: Socket,
    session: OperatorSession,
    message: DashboardMessage,
  ): Promise<unknown> {
    const store = this.fleet.store;
    const data = socket.data as SocketData;
    switch (message.event) {
      case 'kiosk.watch': {
        if (data.watching !== undefined) await socket.leave(kioskRoom(data.watching));
        data.watching = undefined;
        const { kioskId } = message.payload;
        if (kioskId === null) return undefined;
        const detail = await kioskDetailView(store, kioskId);
        if (!detail) throw unknownKiosk(kioskId);
        data.watching = kioskId;
        await socket.join(kioskRoom(kioskId));
        this.pushedDetails.set(kioskId, JSON.stringify(detail));
        return detail;
      }
      case 'alerts.history':
        return store.alertHistory(message.payload.limit ?? 200);
      case 'alert.acknowledge': {
        const { alertId } = message.payload;
        const alert = await store.alert(alertId);
        if (!alert) throw new KioskError(ErrorCode.FLEET_ALERT_UNKNOWN, `There is no alert ${alertId}.`);
        await store.acknowledgeAlert(alertId, session.username, new Date().toISOString());
        this.feed.kiosk(alert.kioskId, true);
        return store.alert(alertId);
      }
      case 'kiosk.command': {
        const { kioskId, command } = message.payload;
        if (!this.fleet.access.knows(kioskId)) throw unknownKiosk(kioskId);
        const sent = await this.fleet.sendCommand(kioskId, command, session.username);
        this.feed.kiosk(kioskId);
        return sent;
      }
      case 'kiosk.extracts':
        if (!this.fleet.access.knows(message.payload.kioskId)) throw unknownKiosk(message.payload.kioskId);
        return store.journalExtracts(message.payload.kioskId);
      case 'kiosk.extract': {
        const { kioskId, commandId } = message.payload;
        const jsonl = await store.journalExtractBody(kioskId, commandId);
        if (jsonl === undefined)
          throw new KioskError(
            ErrorCode.FLEET_EXTRACT_UNKNOWN,
            `Kiosk ${kioskId} uploaded no extract for ${commandId}.`,
          );
        return jsonl;
      }
      case 'stats.daily':
        data.statsDays = message.payload.days;
        await socket.join(STATS_ROOM);
        return statsView(store, message.payload.days);
    }
  }

  /** Pushes the changed rows and alerts to every dashboard, and details and counts to those watching them. */
  private async push(changes: FleetChanges): Promise<void> {
    const store = this.fleet.store;
    try {
      const watched = (kioskId: string): boolean =>
        (this.server.sockets.adapter.rooms.get(kioskRoom(kioskId))?.size ?? 0) > 0;
      const views = await changedViews(store, changes.kiosks, watched);
      for (const row of views.rows) this.server.emit(DashboardOutbound.kiosk, row);
      for (const detail of views.details) {
        this.pushedDetails.set(detail.kiosk.kioskId, JSON.stringify(detail));
        this.server.to(kioskRoom(detail.kiosk.kioskId)).emit(DashboardOutbound.detail, detail);
      }
      if (changes.alerts) {
        // every alert change marks its kiosk: the pages replace those kiosks' alerts only
        this.pushedAlerts = views.alerts;
        this.server.emit(DashboardOutbound.kioskAlerts, views.kioskAlerts);
      }
      if (changes.stats)
        for (const socket of await this.server.in(STATS_ROOM).fetchSockets()) {
          const days = (socket.data as SocketData).statsDays ?? 14;
          socket.emit(DashboardOutbound.stats, await statsView(store, days));
        }
    } catch (error) {
      this.log.error(`could not push fleet changes: ${String(error)}`);
    }
  }

  /**
   * Reads the store again and pushes what differs from what was pushed: the active alerts (and the
   * rows of kiosks whose alerts changed), the watched kiosks' details, now and then the daily counts.
   */
  private async resync(): Promise<void> {
    if (this.resyncing) return;
    this.resyncing = true;
    try {
      const store = this.fleet.store;
      const alerts = await store.activeAlerts();
      if (JSON.stringify(alerts) !== JSON.stringify(this.pushedAlerts))
        for (const kioskId of kiosksWhoseAlertsDiffer(this.pushedAlerts, alerts))
          this.feed.kiosk(kioskId, true);
      const watched = new Set(
        [...this.server.sockets.adapter.rooms.keys()]
          .filter((room) => room.startsWith('kiosk:'))
          .map((room) => room.slice('kiosk:'.length)),
      );
      for (const kioskId of this.pushedDetails.keys())
        if (!watched.has(kioskId)) this.pushedDetails.delete(kioskId);
      for (const kioskId of watched)
        if (JSON.stringify(await kioskDetailView(store, kioskId, alerts)) !== this.pushedDetails.get(kioskId))
          this.feed.kiosk(kioskId);
      if (
        ++this.resyncs % STATS_RESYNC_EVERY === 0 &&
        (this.server.sockets.adapter.rooms.get(STATS_ROOM)?.size ?? 0) > 0
      )
        this.feed.journeyEnded();
    } catch (error) {
      this.log.error(`could not read the fleet again: ${String(error)}`);
    } finally {
      this.resyncing = false;
    }
  }
}

function unknownKiosk(kioskId: string): KioskError {
  return new KioskError(
    ErrorCode.FLEET_KIOSK_UNKNOWN,
    `There is no kiosk ${JSON.stringify(kioskId)} in this fleet.`,
  );
}
