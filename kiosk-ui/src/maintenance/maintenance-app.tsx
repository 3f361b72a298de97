/**
 * The staff screens (`#/maintenance` on the kiosk's service display): the staff card number, then
 * the PIN on the kiosk's PIN pad, then the maintenance menu. Everything shown comes from the
 * daemon's maintenance view; the screens only ask for what staff enter.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { paletteStyle, STANDARD_PALETTE } from '../display/palette';
import { useGatewayState } from '../gateway/gateway-context';
import { ChunkBoundary } from '../shell/chunk-boundary';
import { ErrorBox } from '../shell/error-box';
import { LargeTextButton, useLargeText } from '../shell/large-text';
import { lazyWithRetry } from '../shell/lazy-with-retry';
import { MaintenanceApi, StaffApiError, type StaffVisit } from './maintenance-api';
import { MaintenanceMenu } from './maintenance-menu';
import { SelfTestCause } from './self-test-cause';
import { StaffPinCount } from './staff-pin-count';
// the resident screens' shared styles (big button, error box, tool buttons), in the palette below
import '../shell/kiosk.css';
import './maintenance.css';

/** The emulated PIN pad, in demo builds only (a kiosk build leaves the chunk out). */
const DemoStaffPinPad = __DEMO_PANEL__
  ? lazyWithRetry(
      () => import('./demo-staff-pin-pad'),
      (part) => part.DemoStaffPinPad,
    )
  : null;

export function MaintenanceApp({ api = new MaintenanceApi() }: { api?: MaintenanceApi }) {
  const { t, i18n } = useTranslation();
  const [visit, setVisit] = useState<StaffVisit | null>(null);
  const [staffId, setStaffId] = useState('');
  const [waiting, setWaiting] = useState(false);
  const [error, setError] = useState<StaffApiError | null>(null);
  const demo = useGatewayState().kiosk?.demo === true;
  // large text as on the resident's screens, for the page's life (the same engineer logs in again)
  const [largeText, setLargeText] = useState(false);
  useLargeText(largeText);

  const logIn = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setWaiting(true);
    try {
      setVisit(await api.logIn(staffId.trim().toUpperCase()));
    } catch (e) {
      setError(e instanceof StaffApiError ? e : new StaffApiError('INTERNAL', String(e)));
    } finally {
      setWaiting(false);
    }
  };

  // the page's language follows the screens' (screen readers pick their voice by it)
  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);

  const nextLocale = i18n.language === 'en' ? 'zh-CN' : 'en';
  return (
    // the resident screens' design tokens, standard display: the shared styles read them; the
    // whole window scrolls (the page's root stays still for the resident's screens)
    <div className="staff-screen" style={paletteStyle(STANDARD_PALETTE)}>
      <main className="staff-app" data-testid="staff-app">
        <header className="staff-app__bar">
          <h1>{t('staff.title')}</h1>
          <div className="staff-app__tools" role="group" aria-label={t('app.displayOptions')}>
            <LargeTextButton on={largeText} onSwitch={setLargeText} />
            <button
              type="button"
              className="tool-button"
              onClick={() => void i18n.changeLanguage(nextLocale)}
            >
              {t('app.languageSwitch')}
            </button>
          </div>
        </header>
        <SelfTestCause />
        {visit ? (
          <MaintenanceMenu
            api={api}
            visit={visit}
            onLoggedOut={() => {
              setVisit(null);
              setStaffId('');
            }}
          />
        ) : (
          <form className="staff-login" onSubmit={(e) => void logIn(e)} data-testid="staff-login">
            <label>
              {t('staff.staffId')}
              <input
                name="staffId"
                value={staffId}
                onChange={(e) => setStaffId(e.target.value)}
                autoComplete="off"
                pattern="[A-Za-z]{2}-[0-9]{4,6}"
                required
                disabled={waiting}
              />
            </label>
            <button type="submit" className="big-button big-button--primary" disabled={waiting}>
              {t('staff.logIn')}
            </button>
            {waiting ? (
              <>
                <p className="staff-login__pin" role="status" data-testid="staff-pin-prompt">
                  {t('staff.pinOnPad')}
                </p>
                <StaffPinCount api={api} />
              </>
            ) : null}
            {waiting && demo && DemoStaffPinPad ? (
              <ChunkBoundary>
                <DemoStaffPinPad />
              </ChunkBoundary>
            ) : null}
            {error ? (
              <ErrorBox code={error.code} message={error.message} onDismiss={() => setError(null)} />
            ) : null}
          </form>
        )}
      </main>
    </div>
  );
}
