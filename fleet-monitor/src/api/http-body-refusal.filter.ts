/**
 * A request body the monitor's HTTP API cannot take (JSON cut short or broken, a body over the
 * parser's limit, a charset it does not read) is refused with a domain code like every other
 * refusal of the API: the refusal is the domain's `httpBodyRefusal`, as the kiosk daemon answers;
 * anything else goes to Nest's own handling.
 */
import { type ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { httpBodyRefusal } from '@kiosk/domain';

@Catch()
export class FleetBodyRefusalFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    const refusal = host.getType() === 'http' ? httpBodyRefusal(exception) : undefined;
    if (!refusal) return super.catch(exception, host);
    const adapter = this.applicationRef ?? this.httpAdapterHost?.httpAdapter;
    const response: unknown = host.switchToHttp().getResponse();
    if (adapter && !adapter.isHeadersSent(response)) adapter.reply(response, refusal.body, refusal.status);
  }
}
