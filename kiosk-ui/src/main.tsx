import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { GatewayContext } from './gateway/gateway-context';
import { connectKioskGateway } from './gateway/kiosk-gateway';
import { createI18n } from './i18n/i18n';
import { KioskApp } from './shell/kiosk-app';
import { ChunkBoundary } from './shell/chunk-boundary';
import { lazyWithRetry, retryChunksOnReconnect } from './shell/lazy-with-retry';
import './shell/kiosk.css';
import './screens/screens.css';
import './screens/illustrations.css';
import './screens/payment-qr.css';
import './screens/journeys.css';
import './screens/landscape.css';
import './screens/large-text.css';

/**
 * The staff screens (`#/maintenance`), their own chunk: a resident's screen never loads them. A
 * fetch cut short is tried again (`STAFF_SCREEN_TRIES` in all), then staff see a coded box with
 * "Try again" instead of a blank page.
 */
const staffScreens = window.location.hash.startsWith('#/maintenance');
const STAFF_SCREEN_TRIES = 5;
const MaintenanceApp = lazyWithRetry(
  () => import('./maintenance/maintenance-app'),
  (part) => part.MaintenanceApp,
  STAFF_SCREEN_TRIES,
);

const root = document.getElementById('root');
if (root === null) throw new Error('no #root element');

// same origin as the page: the daemon serves this UI and socket.io on one port
const gateway = connectKioskGateway();
// the daemon back (a restart): the parts of the page waiting to be fetched again are tried now
retryChunksOnReconnect(gateway);
const i18n = createI18n();

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <GatewayContext.Provider value={gateway}>
        {staffScreens ? (
          <ChunkBoundary>
            <MaintenanceApp />
          </ChunkBoundary>
        ) : (
          <KioskApp />
        )}
      </GatewayContext.Provider>
    </I18nextProvider>
  </StrictMode>,
);
