import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useConnection, useDashboardState } from '../connection/connection-context';
import { LABELS, LabelsContext, initialLanguage, labelOf, type Language } from '../i18n/labels';
import { LoginScreen } from '../screens/login-screen';
import { FleetScreen } from '../screens/fleet-screen';
import { KioskDetail } from '../screens/kiosk-detail';
import { AlertsScreen } from '../screens/alerts-screen';
import { ChartsScreen } from '../screens/charts-screen';
import { alertAnnouncement } from './alert-announcement';

type View = 'fleet' | 'kiosk' | 'alerts' | 'charts';

/** The page: log-in, then the fleet, a kiosk, the alerts or the charts; header with the sections, the user and the language. */
export function DashboardApp() {
  const connection = useConnection();
  const loggedIn = useSyncExternalStore(connection.subscribe, connection.loggedIn);
  const state = useDashboardState();
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const [view, setView] = useState<View>('fleet');
  const t = LABELS[language];

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t.title;
  }, [language, t]);

  // a new alert is said in the header (a polite live region), whichever screen is open: the
  // kiosk, the kind and the fault in words
  const seenAlerts = useRef<Set<number> | null>(null);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    const ids = new Set(state.alerts.map((alert) => alert.id));
    const newest = state.alerts
      .filter((alert) => seenAlerts.current && !seenAlerts.current.has(alert.id))
      .at(-1);
    if (state.session) seenAlerts.current = ids;
    if (newest) setAnnouncement(alertAnnouncement(t, newest));
  }, [state.alerts, state.session, t]);

  const show = (next: View): void => {
    if (view === 'kiosk' && next !== 'kiosk') void connection.watch(null);
    setView(next);
  };
  const open = (kioskId: string): void => {
    setView('kiosk');
    void connection.watch(kioskId);
  };
  const other: Language = language === 'en' ? 'zh-CN' : 'en';
  const languageButton = (
    <button type="button" lang={other} onClick={() => setLanguage(other)}>
      {t.language}
    </button>
  );

  return (
    <LabelsContext.Provider value={{ language, t, setLanguage }}>
      {!loggedIn ? (
        <>
          <header className="top top--login">{languageButton}</header>
          <LoginScreen />
        </>
      ) : (
        <>
          <header className="top">
            <h1>{t.title}</h1>
            <nav aria-label={t.nav}>
              {(['fleet', 'alerts', 'charts'] as const).map((section) => (
                <button
                  key={section}
                  type="button"
                  aria-current={
                    view === section || (section === 'fleet' && view === 'kiosk') ? 'page' : undefined
                  }
                  onClick={() => show(section)}
                >
                  {t[section]}
                  {section === 'alerts' && state.alerts.length > 0 && (
                    <span className="badge"> {state.alerts.length}</span>
                  )}
                </button>
              ))}
            </nav>
            <p className="who">
              {state.session &&
                `${t.loggedInAs} ${state.session.username} (${labelOf(t, `role_${state.session.role}`)})`}
            </p>
            <p role="status" className="announce" data-testid="alert-announcement">
              {announcement}
            </p>
            {languageButton}
            <button type="button" onClick={() => void connection.logOut()}>
              {t.logOut}
            </button>
          </header>
          {!state.connected && (
            <p role="status" className="banner">
              {t.disconnected}
            </p>
          )}
          <main>
            {view === 'fleet' && <FleetScreen onOpen={open} />}
            {view === 'kiosk' && <KioskDetail onBack={() => show('fleet')} />}
            {view === 'alerts' && <AlertsScreen />}
            {view === 'charts' && <ChartsScreen />}
          </main>
        </>
      )}
    </LabelsContext.Provider>
  );
}
