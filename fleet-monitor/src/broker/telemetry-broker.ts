/**
 * What the fleet monitor needs of a broker, embedded (`FleetBroker`, aedes) or external
 * (`ExternalBroker`, e.g. Mosquitto): telemetry in, commands out.
 */
export interface TelemetryBroker {
  /** Listens (embedded) or connects and subscribes (external); answers the broker's address. */
  start(): Promise<{ host: string; port: number }>;
  /** Sends a command on a kiosk's own command topic, QoS 1. */
  publishCommand(kioskId: string, payload: string): Promise<void>;
  /** Sends the ack of stored events on the kiosk's `kiosk/<id>/events/ack`, QoS 1. */
  publishEventAck(kioskId: string, payload: string): Promise<void>;
  stop(): Promise<void>;
}
