import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { GatewayContext } from './gateway/gateway-context';
import { connectKioskGateway } from './gateway/kiosk-gateway';
import { createI18n } from './i18n/i18n';
import { KioskApp } from './shell/kiosk-app';
import './shell/kiosk.css';
import './screens/screens.css';
import './screens/illustrations.css';
import './screens/payment-qr.css';
import './screens/journeys.css';
import './screens/landscape.css';
import './screens/large-text.css';

/** The staff screens (`#/maintenance`), their own chunk: a resident's screen never loads them. */
const staffScreens = window.location.hash.startsWith('#/maintenance');
const MaintenanceApp = lazy(() =>
  import('./maintenance/maintenance-app').then((m) => ({ default: m.MaintenanceApp })),
);

const root = document.getElementById('root');
if (root === null) throw new Error('no #root element');

// same origin as the page: the daemon serves this UI and socket.io on one port
const gateway = connectKioskGateway();
const i18n = createI18n();

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <GatewayContext.Provider value={gateway}>
        {staffScreens ? (
          <Suspense fallback={null}>
            <MaintenanceApp />
          </Suspense>
        ) : (
          <KioskApp />
        )}
      </GatewayContext.Provider>
    </I18nextProvider>
  </StrictMode>,
);
