/** POST /auth/login `{ username, password }` → `{ token, role, expiresAt }`; POST /auth/logout. */
import { Body, Controller, Headers, HttpCode, Post, UnauthorizedException } from '@nestjs/common';
import { z } from 'zod';
import { ErrorCode } from '@kiosk/domain';
import { OperatorSessions } from './operator-sessions.js';
import { badRequest } from '../api/api-errors.js';

const LoginSchema = z.object({ username: z.string().max(64), password: z.string().max(256) }).strict();

@Controller('auth')
export class AuthController {
  constructor(private readonly sessions: OperatorSessions) {}

  @Post('login')
  @HttpCode(200)
  async logIn(@Body() body: unknown): Promise<{ token: string; role: string; expiresAt: string }> {
    const login = LoginSchema.safeParse(body);
    if (!login.success) throw badRequest(login.error);
    const result = await this.sessions.logIn(login.data.username, login.data.password);
    if (!result)
      throw new UnauthorizedException({
        code: ErrorCode.FLEET_LOGIN_FAILED,
        message: 'wrong user name or password',
      });
    return {
      token: result.token,
      role: result.session.role,
      expiresAt: new Date(result.session.expiresAt).toISOString(),
    };
  }

  @Post('logout')
  @HttpCode(204)
  logOut(@Headers('authorization') authorization = ''): void {
    const token = /^Bearer (\S+)$/.exec(authorization)?.[1];
    if (token) this.sessions.logOut(token);
  }
}
