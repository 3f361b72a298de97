import { createContext, useContext, useSyncExternalStore } from 'react';
import type { DashboardConnection } from './dashboard-connection';
import type { DashboardState } from './dashboard-state';

export const ConnectionContext = createContext<DashboardConnection | null>(null);

export function useConnection(): DashboardConnection {
  const connection = useContext(ConnectionContext);
  if (!connection) throw new Error('no ConnectionContext');
  return connection;
}

export function useDashboardState(): DashboardState {
  const connection = useConnection();
  // the same state when rendered to a string (the screens' wording specs render them so)
  return useSyncExternalStore(connection.subscribe, connection.getState, connection.getState);
}
