/**
 * A request body the daemon's HTTP routes (maintenance, journal export) cannot take is refused with
 * a domain code like every other refusal of theirs: the refusal is the domain's `httpBodyRefusal`
 * (the fleet monitor's API answers the same); anything else goes to Nest's own handling.
 */
import { type ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { httpBodyRefusal } from '@kiosk/domain';

@Catch()
export class HttpBodyRefusalFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    const refusal = host.getType() === 'http' ? httpBodyRefusal(exception) : undefined;
    if (!refusal) {
      super.catch(exception, host);
      return;
    }
    const adapter = this.applicationRef ?? this.httpAdapterHost?.httpAdapter;
    const response: unknown = host.switchToHttp().getResponse();
    if (adapter && !adapter.isHeadersSent(response)) adapter.reply(response, refusal.body, refusal.status);
  }
}
