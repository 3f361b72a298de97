/**
 * A screen as the operator reads it, for specs: rendered to static HTML in one language, over a
 * connection that holds the given dashboard state (no socket, nothing changes while it renders).
 */
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { ConnectionContext } from '../connection/connection-context';
import type { DashboardConnection } from '../connection/dashboard-connection';
import type { DashboardState } from '../connection/dashboard-state';
import { LABELS, LabelsContext, type Language } from '../i18n/labels';

export function renderScreen(screen: ReactElement, state: DashboardState, language: Language): string {
  const connection = {
    getState: () => state,
    subscribe: () => () => undefined,
  } as unknown as DashboardConnection;
  return renderToStaticMarkup(
    <ConnectionContext.Provider value={connection}>
      <LabelsContext.Provider value={{ language, t: LABELS[language], setLanguage: () => undefined }}>
        {screen}
      </LabelsContext.Provider>
    </ConnectionContext.Provider>,
  );
}
