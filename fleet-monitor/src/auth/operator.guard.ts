/** Bearer-token guard with a role check: `@Roles('operator')` on a handler; viewer otherwise. */
import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { OperatorRole } from '../credentials/credential-files.js';
import { OperatorSessions, type OperatorSession } from './operator-sessions.js';

const ROLES = 'fleet:roles';
export const Roles = (...roles: OperatorRole[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLES, roles);

/** the part of an HTTP request the guard reads and writes */
export interface AuthenticatedRequest {
  headers: { authorization?: string };
  operator: OperatorSession;
}

@Injectable()
export class OperatorGuard implements CanActivate {
  constructor(
    private readonly sessions: OperatorSessions,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    const session = token === undefined ? undefined : this.sessions.find(token);
    if (!session) throw new UnauthorizedException('log in first: POST /auth/login');
    const roles = this.reflector.getAllAndOverride<OperatorRole[] | undefined>(ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles && !roles.includes(session.role))
      throw new ForbiddenException(`needs the role ${roles.join(' or ')}`);
    request.operator = session;
    return true;
  }
}
