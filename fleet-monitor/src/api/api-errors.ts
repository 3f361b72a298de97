/** HTTP errors of the fleet API carry a domain error code, like every other border. */
import { BadRequestException, NotFoundException } from '@nestjs/common';
import { z } from 'zod';
import { ErrorCode } from '@kiosk/domain';

export function badRequest(error: z.ZodError): BadRequestException {
  return new BadRequestException({ code: ErrorCode.FLEET_BAD_REQUEST, message: z.prettifyError(error) });
}

export function unknownKiosk(kioskId: string): NotFoundException {
  return new NotFoundException({
    code: ErrorCode.FLEET_KIOSK_UNKNOWN,
    message: `no kiosk ${JSON.stringify(kioskId)} in this fleet`,
  });
}
