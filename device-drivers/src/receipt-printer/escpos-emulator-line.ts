/**
 * The emulated receipt printer's connections: a TCP listener (port 9100 style) or streams handed
 * in (serial, in-memory), each with its own ESC/POS parser; the cable pulled and put back; bytes
 * the printer sends on its own (automatic status, process ID) to every open connection.
 */
import type { Server } from 'node:net';
import { listenTcp } from '../common/tcp-listener.js';
import type { Duplex } from 'node:stream';
import { EscposStreamParser, type EscposToken } from './escpos-stream.parser.js';

export class EscposEmulatorLine {
  #connected = true;
  readonly #streams = new Set<Duplex>();
  #server: Server | null = null;

  constructor(
    private readonly onTokens: (tokens: EscposToken[], from: Duplex) => void,
    private readonly log: (line: string) => void,
  ) {}

  /** Listens on TCP; port 0 picks a free one. Resolves with the address to connect to. */
  async listen(port = 0, host = '127.0.0.1'): Promise<{ host: string; port: number }> {
    const bound = await listenTcp((socket) => this.attach(socket), port, host);
    this.#server = bound.server;
    return { host: bound.host, port: bound.port };
  }

  /** Takes one connection: a TCP socket, a serial port, an in-memory duplex. */
  attach(stream: Duplex): void {
    if (!this.#connected) {
      stream.destroy();
      return;
    }
    const parser = new EscposStreamParser();
    this.#streams.add(stream);
    stream.on('data', (chunk: Buffer) => {
      if (this.#connected) this.onTokens(parser.push(chunk), stream);
    });
    stream.on('error', (e) => this.log(`connection error: ${e.message}`));
    stream.on('close', () => this.#streams.delete(stream));
  }

  /** Pulls the cable: open connections drop, new ones are refused, nothing is answered. */
  disconnect(): void {
    this.#connected = false;
    this.#dropAll();
  }

  reconnect(): void {
    this.#connected = true;
  }

  broadcast(bytes: Buffer): void {
    if (!this.#connected) return;
    for (const s of this.#streams) if (!s.destroyed) s.write(bytes);
  }

  async close(): Promise<void> {
    this.#dropAll();
    const server = this.#server;
    this.#server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  #dropAll(): void {
    for (const s of this.#streams) s.destroy();
    this.#streams.clear();
  }
}
