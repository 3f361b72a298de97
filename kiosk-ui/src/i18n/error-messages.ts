export interface ErrorMessage {
  /** what happened, in words a resident understands */
  readonly what: string;
  /** what to do next */
  readonly next: string;
}

/**
 * Keyed by ErrorCode, but typed loosely on purpose: a code appended to (or not yet committed in)
 * the domain must not break the UI build. The catalogue spec fails instead when a code has no
 * message, and the UI falls back to the daemon's message until it is translated.
 */
export type ErrorMessages = { readonly [code: string]: ErrorMessage | undefined };
