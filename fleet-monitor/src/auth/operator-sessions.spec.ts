import { describe, expect, it } from '@jest/globals';
import { hashSecret } from '../credentials/scrypt-secret.js';
import { OperatorSessions, SESSION_TTL_MS } from './operator-sessions.js';

const operators = {
  users: [{ username: 'wang', role: 'operator' as const, password: hashSecret('correct horse') }],
};

describe('operator sessions', () => {
  it('gives a token for the right password and finds the session by it', async () => {
    const sessions = new OperatorSessions(operators);
    const login = await sessions.logIn('wang', 'correct horse');
    expect(login?.session).toMatchObject({ username: 'wang', role: 'operator' });
    expect(sessions.find(login!.token)?.username).toBe('wang');
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    const sessions = new OperatorSessions(operators);
    expect(await sessions.logIn('wang', 'wrong')).toBeUndefined();
    expect(await sessions.logIn('li', 'correct horse')).toBeUndefined();
  });

  it('expires a session after its time and forgets it on log-out', async () => {
    let now = 1_000;
    const sessions = new OperatorSessions(operators, () => now);
    const first = await sessions.logIn('wang', 'correct horse');
    const second = await sessions.logIn('wang', 'correct horse');
    sessions.logOut(second!.token);
    expect(sessions.find(second!.token)).toBeUndefined();
    now += SESSION_TTL_MS;
    expect(sessions.find(first!.token)).toBeUndefined();
  });
});
