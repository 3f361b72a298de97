/**
 * The host client over Node's own http (`http-exchange.ts`, not fetch: see there why): what it
 * sends (the kiosk's headers, a JSON body of any script measured in bytes, the idempotency key)
 * and how each fault of the exchange reaches the caller as the code it had with fetch: a back
 * office that cannot be reached, one that answers too late, a call the caller cancels, an answer
 * cut off in its body or slowed past the timeout in it, one longer than the kiosk reads or without
 * end (refused at the bound, not read into memory), and a refusal with its own code.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { ErrorCode } from '@kiosk/domain';
import { codeOf } from '@kiosk/domain/testing';
import { z } from 'zod';
import { HostHttpClient } from './host-http.client.js';
import { HOST_ANSWER_MAX_BYTES } from './http-exchange.js';

const Answer = z.object({ ok: z.literal(true) });
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function backOffice(
  handle: (req: IncomingMessage, res: ServerResponse, body: string) => void,
  timeoutMs = 2_000,
): Promise<{ client: HostHttpClient; url: string }> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  const { port } = server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  return { client: new HostHttpClient({ baseUrl: url, kioskId: 'K-1', kioskKey: 'key-1', timeoutMs }), url };
}

describe('host client over http', () => {
  it('sends the kiosk’s headers, the idempotency key and a JSON body whose length counts bytes', async () => {
    let seen:
      { headers: IncomingMessage['headers']; method?: string; url?: string; body: string } | undefined;
    const { client } = await backOffice((req, res, body) => {
      seen = { headers: req.headers, method: req.method, url: req.url, body };
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    const sent = { name: '李 明', amountFen: 30_000 };
    await expect(
      client.request({ method: 'POST', path: '/v1/w', body: sent, idempotencyKey: 'tx-1:a', schema: Answer }),
    ).resolves.toEqual({ ok: true });
    expect(seen).toMatchObject({ method: 'POST', url: '/v1/w' });
    expect(JSON.parse(seen!.body)).toEqual(sent);
    expect(seen!.headers).toMatchObject({
      'x-kiosk-id': 'K-1',
      authorization: 'Bearer key-1',
      'idempotency-key': 'tx-1:a',
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(JSON.stringify(sent))),
    });
  });

  it('an answer that starts with a byte order mark is read as its JSON, as fetch read it', async () => {
    const { client } = await backOffice((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"ok":true}')]));
    });
    await expect(client.request({ method: 'GET', path: '/v1/x', schema: Answer })).resolves.toEqual({
      ok: true,
    });
  });

  it('host unreachable: nothing listens at the back office’s address', async () => {
    const { client } = await backOffice(() => undefined);
    await closers.pop()!();
    expect(await codeOf(client.request({ method: 'GET', path: '/v1/x', schema: Answer }))).toBe(
      ErrorCode.HOST_UNREACHABLE,
    );
  });

  it('host timeout: no answer within the host timeout', async () => {
    const { client } = await backOffice(() => undefined, 100);
    expect(await codeOf(client.request({ method: 'GET', path: '/v1/x', schema: Answer }))).toBe(
      ErrorCode.HOST_TIMEOUT,
    );
  });

  it('cancelled: the caller’s signal aborts the call before the answer', async () => {
    const { client } = await backOffice(() => undefined);
    const cancel = new AbortController();
    const call = codeOf(
      client.request({ method: 'GET', path: '/v1/x', schema: Answer, signal: cancel.signal }),
    );
    setTimeout(() => cancel.abort(), 20);
    expect(await call).toBe(ErrorCode.SESSION_CANCELLED);
  });

  it('answer cut off: the connection drops in the body, a bad response', async () => {
    const { client } = await backOffice((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"ok":');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    expect(await codeOf(client.request({ method: 'GET', path: '/v1/x', schema: Answer }))).toBe(
      ErrorCode.HOST_BAD_RESPONSE,
    );
  });

  it('answer too slow in its body: the timeout ends it, a bad response', async () => {
    const { client } = await backOffice((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"ok":');
    }, 100);
    expect(await codeOf(client.request({ method: 'GET', path: '/v1/x', schema: Answer }))).toBe(
      ErrorCode.HOST_BAD_RESPONSE,
    );
  });

  it('host answer too large: a well-formed answer longer than the kiosk reads is refused, not read', async () => {
    const pad = 'x'.repeat(HOST_ANSWER_MAX_BYTES + 1);
    const { client } = await backOffice((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, pad })),
    );
    await expect(client.request({ method: 'GET', path: '/v1/x', schema: Answer })).rejects.toMatchObject({
      code: ErrorCode.HOST_BAD_RESPONSE,
      details: { path: '/v1/x', limitBytes: HOST_ANSWER_MAX_BYTES },
    });
  });

  it('host answer without end: the kiosk stops reading at its bound and drops the connection', async () => {
    let written = 0;
    let dropped!: () => void;
    const droppedByKiosk = new Promise<void>((resolve) => (dropped = resolve));
    const { client } = await backOffice((_req, res) => {
      res.writeHead(409, { 'content-type': 'application/json' });
      res.write('{"code":"HOST_REJECTED","message":"');
      const chunk = 'y'.repeat(64 * 1024);
      const more = (): void => {
        if (res.destroyed) return;
        written += chunk.length;
        if (res.write(chunk)) setImmediate(more);
        else res.once('drain', more);
      };
      res.once('close', dropped);
      more();
    }, 30_000);
    await expect(client.request({ method: 'POST', path: '/v1/x', schema: Answer })).rejects.toMatchObject({
      code: ErrorCode.HOST_BAD_RESPONSE,
      details: { limitBytes: HOST_ANSWER_MAX_BYTES },
    });
    await droppedByKiosk;
    expect(written).toBeLessThan(64 * HOST_ANSWER_MAX_BYTES);
  });

  it('a refusal keeps the back office’s own code and message', async () => {
    const { client } = await backOffice((_req, res) => {
      res.writeHead(409, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: ErrorCode.HOST_REJECTED, message: 'no such hold' }));
    });
    const call = client.request({ method: 'POST', path: '/v1/x', schema: Answer });
    await expect(call).rejects.toMatchObject({ code: ErrorCode.HOST_REJECTED, message: 'no such hold' });
  });

  it('host refusal echoing the ID number it was sent: the kiosk’s error carries it masked', async () => {
    const { client } = await backOffice((_req, res) => {
      res.writeHead(409, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: ErrorCode.HOST_REJECTED, message: 'no hold for 41080219900101123X' }));
    });
    const call = client.request({ method: 'POST', path: '/v1/x', schema: Answer, body: {} });
    await expect(call).rejects.toMatchObject({
      code: ErrorCode.HOST_REJECTED,
      message: 'no hold for 4108**********123X',
    });
  });

  it('an https back office is spoken to over TLS: a plain http server there fails the handshake', async () => {
    const { url } = await backOffice((_req, res) => res.writeHead(200).end('{"ok":true}'));
    const client = new HostHttpClient({
      baseUrl: url.replace('http:', 'https:'),
      kioskId: 'K-1',
      kioskKey: 'key-1',
      timeoutMs: 2_000,
    });
    expect(await codeOf(client.request({ method: 'GET', path: '/v1/x', schema: Answer }))).toBe(
      ErrorCode.HOST_UNREACHABLE,
    );
  });

  it.each([ErrorCode.ANOMALY_BLOCKED, ErrorCode.ID_MISMATCH])(
    'fault: a 403 refusal of its own (%s) read as the kiosk’s credentials refused',
    async (code) => {
      const { client } = await backOffice((_req, res) =>
        res
          .writeHead(403, { 'content-type': 'application/json' })
          .end(JSON.stringify({ code, message: 'held' })),
      );
      expect(await codeOf(client.request({ method: 'GET', path: '/v1/x', schema: Answer }))).toBe(code);
    },
  );

  it('a 403 with no code of its own, or an unknown one, is the credentials refused', async () => {
    for (const body of ['', JSON.stringify({ code: 'NO_SUCH_CODE' })]) {
      const { client } = await backOffice((_req, res) => res.writeHead(403).end(body));
      expect(await codeOf(client.request({ method: 'GET', path: '/v1/x', schema: Answer }))).toBe(
        ErrorCode.HOST_UNAUTHORIZED,
      );
    }
  });

  it('host unauthorised: a 401 says the credentials were refused', async () => {
    const { client } = await backOffice((_req, res) => res.writeHead(401).end());
    expect(await codeOf(client.request({ method: 'GET', path: '/v1/x', schema: Answer }))).toBe(
      ErrorCode.HOST_UNAUTHORIZED,
    );
  });
});
