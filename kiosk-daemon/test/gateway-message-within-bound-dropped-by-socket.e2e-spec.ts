/**
 * Fault: `gateway.maxPayloadBytes` may be configured up to 1 MiB, but socket.io read a packet of
 * 64 KiB at most and dropped anything larger by itself: a message the configured bound allowed was
 * never read, and one over a bound of 4096 bytes but over 64 KiB got no GATEWAY_MESSAGE_TOO_LARGE
 * (the README's promise), the connection silently closed instead. Now socket.io reads a packet up
 * to GATEWAY_SOCKET_BUFFER_BYTES (twice the configurable ceiling): every message within the bound is
 * read, every one over it up to that size answered with its code on the same connection; only a
 * packet past it is dropped by socket.io, the client told by its disconnect, the daemon serving on.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, GATEWAY_MAX_PAYLOAD_BYTES_CEILING, GATEWAY_SOCKET_BUFFER_BYTES } from '@kiosk/domain';
import { daemonForSuite } from './daemon-for-suite.js';
import type { UiClient } from './ui-client.js';

/** a locale.set whose payload's JSON is `bytes` long (a locale no schema takes) */
const localeOf = (bytes: number) => ({ locale: 'x'.repeat(bytes - '{"locale":""}'.length) });

async function answerOn(ui: UiClient, bytes: number): Promise<unknown> {
  const answer = await ui.emit('locale.set', localeOf(bytes));
  expect(ui.socket.connected).toBe(true);
  return answer;
}

describe('gateway message within the configured bound dropped by the socket', () => {
  describe('the bound configured at its ceiling (1 MiB)', () => {
    const suite = daemonForSuite(['--set', `gateway.maxPayloadBytes=${GATEWAY_MAX_PAYLOAD_BYTES_CEILING}`]);

    it('a message of 200 kB, within the bound, is read (its schema answers), not dropped', async () => {
      expect(await answerOn(suite.ui, 200_000)).toMatchObject({
        ok: false,
        error: { code: ErrorCode.GATEWAY_MALFORMED_MESSAGE, event: 'locale.set' },
      });
    });

    it('a message of exactly the bound is read; one byte over it gets GATEWAY_MESSAGE_TOO_LARGE', async () => {
      expect(await answerOn(suite.ui, GATEWAY_MAX_PAYLOAD_BYTES_CEILING)).toMatchObject({
        error: { code: ErrorCode.GATEWAY_MALFORMED_MESSAGE },
      });
      expect(await answerOn(suite.ui, GATEWAY_MAX_PAYLOAD_BYTES_CEILING + 1)).toMatchObject({
        ok: false,
        error: { code: ErrorCode.GATEWAY_MESSAGE_TOO_LARGE, event: 'locale.set' },
      });
    });
  });

  describe("the test profile's bound (4096 bytes)", () => {
    const suite = daemonForSuite();

    it.each([200_000, GATEWAY_SOCKET_BUFFER_BYTES - 1024])(
      'a message of %d bytes, over the bound: GATEWAY_MESSAGE_TOO_LARGE on the same connection',
      async (bytes) => {
        expect(await answerOn(suite.ui, bytes)).toMatchObject({
          ok: false,
          error: { code: ErrorCode.GATEWAY_MESSAGE_TOO_LARGE, event: 'locale.set' },
        });
      },
    );
  });
});
