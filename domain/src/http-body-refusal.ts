/**
 * A request body an HTTP API of the project cannot take (the kiosk daemon's maintenance API and
 * journal export, the fleet monitor's API) is refused with a domain code like every other refusal
 * of theirs (`{ code, message }`), not the framework's bare `{ statusCode, message }`: JSON that
 * does not read (GATEWAY_MALFORMED_MESSAGE, 400), a body over the parser's limit
 * (GATEWAY_MESSAGE_TOO_LARGE, 413), a charset or encoding the parser does not read
 * (GATEWAY_MALFORMED_MESSAGE, 415). The message never echoes the body (the parser's own may quote
 * its start). Each app's exception filter asks this of what it caught; anything else (undefined
 * here) goes to Nest's own handling. The Express adapter hands the parser's error over wrapped in an
 * HttpException, the parser's error its `cause`: it is read from there too.
 */
import { ErrorCode } from './kiosk-error.js';

/** What the body parser (body-parser, through http-errors) throws: its kind in `type`. */
interface BodyParserError {
  readonly type: string;
  readonly statusCode: number;
}

export interface HttpBodyRefusal {
  readonly status: number;
  readonly body: { readonly code: ErrorCode; readonly message: string };
}

function isBodyParserError(e: unknown): e is Error & BodyParserError {
  const error = e as Partial<BodyParserError> | null;
  return (
    e instanceof Error &&
    typeof error?.type === 'string' &&
    /^(?:entity|encoding|charset|request)\./.test(error.type) &&
    typeof error.statusCode === 'number'
  );
}

/** The coded refusal of a body the parser refused (as thrown, or as the cause of what wraps it). */
export function httpBodyRefusal(exception: unknown): HttpBodyRefusal | undefined {
  const cause = exception instanceof Error ? exception.cause : undefined;
  const error = isBodyParserError(exception) ? exception : isBodyParserError(cause) ? cause : undefined;
  if (!error) return undefined;
  if (error.type === 'entity.too.large')
    return {
      status: 413,
      body: {
        code: ErrorCode.GATEWAY_MESSAGE_TOO_LARGE,
        message: 'The request body is larger than accepted.',
      },
    };
  if (error.type === 'entity.parse.failed')
    return {
      status: 400,
      body: {
        code: ErrorCode.GATEWAY_MALFORMED_MESSAGE,
        message: 'The request body is not JSON that reads.',
      },
    };
  return {
    status: error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400,
    body: {
      code: ErrorCode.GATEWAY_MALFORMED_MESSAGE,
      message: 'The request body cannot be read (send it as UTF-8 JSON).',
    },
  };
}
