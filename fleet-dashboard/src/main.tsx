import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConnectionContext } from './connection/connection-context';
import { connectDashboard } from './connection/dashboard-connection';
import { DashboardApp } from './shell/dashboard-app';
import './shell/dashboard.css';

const root = document.getElementById('root');
if (root === null) throw new Error('no #root element');

// same origin as the page: the fleet monitor serves this page, its API and socket.io on one port
const connection = connectDashboard();

createRoot(root).render(
  <StrictMode>
    <ConnectionContext.Provider value={connection}>
      <DashboardApp />
    </ConnectionContext.Provider>
  </StrictMode>,
);
