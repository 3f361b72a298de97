/**
 * A request body the daemon's HTTP routes (maintenance, journal export) cannot take is refused with
 * a domain code like every other refusal of theirs (`{ code, message }`), not the framework's bare
 * `{ statusCode, message }`: JSON that does not read (GATEWAY_MALFORMED_MESSAGE, 400), a body over
 * the parser's limit (GATEWAY_MESSAGE_TOO_LARGE, 413), a charset or encoding it does not read
 * (GATEWAY_MALFORMED_MESSAGE, 415). The message never echoes the body (the parser's own may quote
 * its start). Anything else goes to Nest's own handling. The Express adapter hands the parser's
 * error over wrapped in an HttpException carrying the parser's own message: it is read from there.
 */
import { type ArgumentsHost, Catch, HttpException, HttpStatus } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { ErrorCode } from '@kiosk/domain';

/** What the body parser (body-parser, through http-errors) throws: its kind in `type`. */
interface BodyParserError {
  readonly type: string;
  readonly statusCode: number;
}

/** The parser's error, as thrown or as the Express adapter wrapped it (an HttpException, its cause). */
function bodyParserError(exception: unknown): BodyParserError | undefined {
  const e = exception instanceof HttpException ? exception.cause : exception;
  const error = e as Partial<BodyParserError> | null;
  return e instanceof Error &&
    typeof error?.type === 'string' &&
    /^(?:entity|encoding|charset|request)\./.test(error.type) &&
    typeof error.statusCode === 'number'
    ? (e as Error & BodyParserError)
    : undefined;
}

function refusalOf(error: BodyParserError): { status: number; code: ErrorCode; message: string } {
  if (error.type === 'entity.too.large')
    return {
      status: HttpStatus.PAYLOAD_TOO_LARGE,
      code: ErrorCode.GATEWAY_MESSAGE_TOO_LARGE,
      message: 'The request body is larger than the kiosk accepts.',
    };
  if (error.type === 'entity.parse.failed')
    return {
      status: HttpStatus.BAD_REQUEST,
      code: ErrorCode.GATEWAY_MALFORMED_MESSAGE,
      message: 'The request body is not JSON the kiosk can read.',
    };
  return {
    status: error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : HttpStatus.BAD_REQUEST,
    code: ErrorCode.GATEWAY_MALFORMED_MESSAGE,
    message: 'The request body cannot be read (send it as UTF-8 JSON).',
  };
}

@Catch()
export class HttpBodyRefusalFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    const parserError = host.getType() === 'http' ? bodyParserError(exception) : undefined;
    if (!parserError) {
      super.catch(exception, host);
      return;
    }
    const { status, code, message } = refusalOf(parserError);
    const adapter = this.applicationRef ?? this.httpAdapterHost?.httpAdapter;
    const response: unknown = host.switchToHttp().getResponse();
    if (adapter && !adapter.isHeadersSent(response)) adapter.reply(response, { code, message }, status);
  }
}
