import { createContext, useContext, useSyncExternalStore } from 'react';
import type { GatewayState } from './gateway-state';
import type { KioskGateway } from './kiosk-gateway';

export const GatewayContext = createContext<KioskGateway | null>(null);

export function useGateway(): KioskGateway {
  const gateway = useContext(GatewayContext);
  if (gateway === null) throw new Error('useGateway outside GatewayContext');
  return gateway;
}

export function useGatewayState(): GatewayState {
  const gateway = useGateway();
  return useSyncExternalStore(gateway.subscribe, gateway.getState, gateway.getState);
}
