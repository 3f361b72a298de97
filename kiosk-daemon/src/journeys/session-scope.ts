import type { SocialSecurityCardData } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, type Locale } from '@kiosk/domain';
import type { SessionEvent } from '@kiosk/state-machines';
import type { AnyActorRef } from 'xstate';
import type { JournalService } from '../journal/journal.service.js';
import { journeyTools, type JourneyTools } from './journey-tools.js';

/** The actor system of one session actor (xstate gives it to every actor it runs). */
export type AnyActorSystem = AnyActorRef['system'];

/**
 * A value one session's actors share between their calls (the card read, a verified PIN held for
 * a PIN change, a withdrawal's authorised amount): made on the session's first use, released
 * (wiped) when the session ends.
 */
export class ScopeKey<T> {
  constructor(
    readonly name: string,
    readonly make: () => T,
    readonly release?: (value: T) => void,
  ) {}
}

/** What the daemon tells a new session's scope about the session it serves. */
export interface SessionTransaction {
  /** the journal transaction of the journey in progress (a further journey gets a new one) */
  readonly transactionId: string;
  readonly locale: () => Locale;
  /** an event for the session the actors serve (the PIN pad's entry stage) */
  readonly send: (event: SessionEvent) => void;
}

/**
 * One session's side of its actors. The session machine and its journey machines are provided
 * once per daemon; an actor finds the session it serves through the actor system its session
 * runs in (`SessionScopes.of(system)`), so everything per session lives here, not in closures.
 */
export class SessionScope {
  /** the tools that follow the session's transaction: handed out only bound (`tools`) */
  readonly #tools: JourneyTools;
  /** the chip data read at the start of the session, when a card is in */
  card: SocialSecurityCardData | undefined;
  readonly #values = new Map<object, { readonly value: unknown; readonly release?: () => void }>();

  constructor(
    journal: JournalService,
    readonly session: SessionTransaction,
  ) {
    this.#tools = journeyTools(
      journal,
      () => session.transactionId,
      session.locale,
      () => this.card,
    );
  }

  /**
   * The journey tools bound to the transaction in progress now. An actor takes them once, when it
   * starts (before its first await): everything it journals goes to its own journey's
   * transaction, even when it answers after the session moved to a next journey, ended, or the
   * daemon is stopping.
   */
  get tools(): JourneyTools {
    return this.#tools.bound();
  }

  /** An event for the session machine these actors serve. */
  send(event: SessionEvent): void {
    this.session.send(event);
  }

  /** This session's value of `key`, made on first use. */
  get<T>(key: ScopeKey<T>): T {
    const held = this.#values.get(key);
    if (held) return held.value as T;
    const value = key.make();
    const { release } = key;
    this.#values.set(key, { value, ...(release ? { release: () => release(value) } : {}) });
    return value;
  }

  /** The session ended: what it held of the resident is released (wiped) and forgotten. */
  release(): void {
    for (const held of this.#values.values()) held.release?.();
    this.#values.clear();
    this.card = undefined;
  }
}

/** The scopes of the running sessions, by actor system (one per session actor). */
export class SessionScopes {
  readonly #bySystem = new WeakMap<AnyActorSystem, SessionScope>();

  bind(system: AnyActorSystem, scope: SessionScope): void {
    this.#bySystem.set(system, scope);
  }

  /** The scope of the session whose actor system runs an actor; INTERNAL outside a session. */
  readonly of = (system: AnyActorSystem): SessionScope => {
    const scope = this.#bySystem.get(system);
    if (!scope) throw new KioskError(ErrorCode.INTERNAL, 'A session actor ran outside a session.');
    return scope;
  };
}

/** How a journey's actors find the scope of the session they serve. */
export type ScopeOf = (system: AnyActorSystem) => SessionScope;
