import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale, SessionView } from '@kiosk/domain';
import { HIGH_CONTRAST_PALETTE, paletteStyle, STANDARD_PALETTE } from '../display/palette';
import { speakPrompt, stopSpeaking } from '../display/spoken-prompts';
import { useGateway, useGatewayState } from '../gateway/gateway-context';
import { localeAfterView } from '../i18n/locale-sync';
import { HomeScreen } from '../screens/home-screen';
import { screenFor, type Screen } from '../screens/screen-for-view';
import { SessionScreen } from '../screens/session-screen';
import { StatusScreen } from '../screens/status-screen';
import { ChunkBoundary } from './chunk-boundary';
import { ErrorBox } from './error-box';
import { useLargeText } from './large-text';
import { lazyWithRetry } from './lazy-with-retry';
import { TopBar, type DisplayOptions } from './top-bar';

/**
 * The demo drawer is its own chunk, fetched only in the demo profile and left out of kiosk builds;
 * a fetch cut short is tried again until it comes (the resident's screen works meanwhile).
 */
const DemoDrawer = __DEMO_PANEL__
  ? lazyWithRetry(
      () => import('../demo/demo-chunk'),
      (part) => part.DemoDrawer,
    )
  : null;

const PLAIN_DISPLAY: DisplayOptions = { largeText: false, highContrast: false, spokenPrompts: false };

function ScreenView({ screen }: { screen: Screen }) {
  switch (screen.kind) {
    case 'reconnecting':
    case 'starting':
      return <StatusScreen kind={screen.kind} />;
    case 'outOfService':
      return (
        <StatusScreen
          kind={screen.maintenance ? 'maintenance' : 'outOfService'}
          {...(screen.reason ? { reason: screen.reason } : {})}
        />
      );
    case 'home':
      return (
        <HomeScreen
          journeys={screen.journeys}
          {...(screen.degradedReason ? { degradedReason: screen.degradedReason } : {})}
          {...(screen.cardLeftAtSlot && { cardLeftAtSlot: true })}
        />
      );
    case 'session':
      return (
        <SessionScreen view={screen.view} presentation={screen.presentation} readerLost={screen.readerLost} />
      );
  }
}

/** The whole kiosk screen: top bar, the one screen the daemon's views call for, the demo drawer. */
export function KioskApp() {
  const gateway = useGateway();
  const state = useGatewayState();
  const { i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [display, setDisplay] = useState<DisplayOptions>(PLAIN_DISPLAY);
  const screen = screenFor(state);

  // follow the daemon's locale, reset it for the next resident, tell it a choice made on home;
  // the next resident also starts with the plain display
  const previousSession = useRef<SessionView | null>(null);
  useEffect(() => {
    const decision = localeAfterView(previousSession.current, state.session, locale);
    if (previousSession.current !== null && state.session === null) setDisplay(PLAIN_DISPLAY);
    previousSession.current = state.session;
    if (decision.locale !== locale) void i18n.changeLanguage(decision.locale);
    if (decision.send) void gateway.send('locale.set', { locale: decision.send });
  }, [state.session]); // locale is read, not followed: only a new session view decides

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const switchLocale = (next: Locale) => {
    void i18n.changeLanguage(next); // at once; the daemon echoes it in the next view
    if (state.session !== null) void gateway.send('locale.set', { locale: next });
  };

  // move focus to the new screen's title so screen readers announce each step
  const screenKey = screen.kind === 'session' ? `${screen.view.sessionId}:${screen.view.step}` : screen.kind;
  const main = useRef<HTMLElement>(null);
  useEffect(() => {
    main.current?.querySelector<HTMLElement>('.screen-title')?.focus({ preventScroll: true });
  }, [screenKey]);

  useLargeText(display.largeText);

  // read each new screen's title and hint aloud when the resident asked for it
  useEffect(() => {
    if (!display.spokenPrompts) return stopSpeaking();
    const title = main.current?.querySelector('.screen-title')?.textContent ?? '';
    const hint = main.current?.querySelector('.screen-hint')?.textContent ?? '';
    speakPrompt(`${title}${locale === 'en' ? '. ' : '。'}${hint}`, locale);
  }, [screenKey, locale, display.spokenPrompts]);

  const classes = ['kiosk'];
  if (display.highContrast) classes.push('kiosk--high-contrast');
  const demo = state.connection === 'connected' && state.kiosk?.demo === true;
  if (demo) classes.push('kiosk--with-demo');

  return (
    <div
      className={classes.join(' ')}
      data-screen={screen.kind}
      style={paletteStyle(display.highContrast ? HIGH_CONTRAST_PALETTE : STANDARD_PALETTE)}
    >
      <div className="kiosk__resident">
        <TopBar locale={locale} onLocale={switchLocale} display={display} onDisplay={setDisplay} />
        <main className="kiosk__main" ref={main} key={screenKey}>
          {state.notice && screen.kind !== 'reconnecting' ? (
            <ErrorBox
              code={state.notice.code}
              message={state.notice.message}
              onDismiss={gateway.dismissNotice}
            />
          ) : null}
          <ScreenView screen={screen} />
        </main>
      </div>
      {demo && DemoDrawer ? (
        <ChunkBoundary>
          <DemoDrawer demo={state.demo} notice={state.demoNotice} />
        </ChunkBoundary>
      ) : null}
    </div>
  );
}
