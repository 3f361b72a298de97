/**
 * Operator log-in: users from the operators file (scrypt-hashed passwords), session tokens of
 * 32 random bytes held in memory for 8 hours. A restart logs everybody out, which is acceptable
 * for a monitor (ADR 0004).
 */
import { randomBytes } from 'node:crypto';
import { verifySecret } from '../credentials/scrypt-secret.js';
import type { OperatorRole, OperatorsFile } from '../credentials/credential-files.js';

export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

export interface OperatorSession {
  readonly username: string;
  readonly role: OperatorRole;
  readonly expiresAt: number;
}

export class OperatorSessions {
  private readonly sessions = new Map<string, OperatorSession>();
  private readonly users: ReadonlyMap<string, OperatorsFile['users'][number]>;

  constructor(
    operators: OperatorsFile,
    private readonly now: () => number = Date.now,
  ) {
    this.users = new Map(operators.users.map((user) => [user.username, user]));
  }

  /** A token for the right password; undefined otherwise (same answer for an unknown user). */
  async logIn(
    username: string,
    password: string,
  ): Promise<{ token: string; session: OperatorSession } | undefined> {
    const user = this.users.get(username);
    // verify against a dummy hash for an unknown user so both answers take the same time
    const ok = await verifySecret(password, user?.password ?? DUMMY_HASH);
    if (!user || !ok) return undefined;
    const token = randomBytes(32).toString('base64url');
    const session = { username, role: user.role, expiresAt: this.now() + SESSION_TTL_MS };
    this.sessions.set(token, session);
    return { token, session };
  }

  find(token: string): OperatorSession | undefined {
    const session = this.sessions.get(token);
    if (session && session.expiresAt <= this.now()) {
      this.sessions.delete(token);
      return undefined;
    }
    return session;
  }

  logOut(token: string): void {
    this.sessions.delete(token);
  }
}

const DUMMY_HASH = 'scrypt$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
