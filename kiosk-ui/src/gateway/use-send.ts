import { useCallback, useState } from 'react';
import type { Ack, InboundEvent, InboundPayload } from '@kiosk/domain';
import { useGateway } from './gateway-context';

/**
 * Sends one inbound event and reports whether its acknowledgement is pending, so a button shows
 * it was touched at once and cannot be pressed twice while the daemon answers.
 */
export function useSend(): {
  send: <E extends InboundEvent>(event: E, payload: InboundPayload<E>) => Promise<Ack>;
  pending: boolean;
} {
  const gateway = useGateway();
  const [pending, setPending] = useState(0);
  const send = useCallback(
    async <E extends InboundEvent>(event: E, payload: InboundPayload<E>): Promise<Ack> => {
      setPending((n) => n + 1);
      try {
        return await gateway.send(event, payload);
      } finally {
        setPending((n) => n - 1);
      }
    },
    [gateway],
  );
  return { send, pending: pending > 0 };
}
