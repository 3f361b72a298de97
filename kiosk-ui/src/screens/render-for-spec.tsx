/** Renders a screen to HTML for specs, with a gateway that records what the screen sends. */
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import type { Locale } from '@kiosk/domain';
import { GatewayContext } from '../gateway/gateway-context';
import { initialGatewayState, type GatewayState } from '../gateway/gateway-state';
import type { KioskGateway } from '../gateway/kiosk-gateway';
import { createI18n } from '../i18n/i18n';

export function renderForSpec(
  element: ReactElement,
  locale: Locale = 'zh-CN',
  state: Partial<GatewayState> = {},
): string {
  const sent: unknown[] = [];
  const now: GatewayState = { ...initialGatewayState, ...state };
  const gateway: KioskGateway = {
    getState: () => now,
    subscribe: () => () => undefined,
    send: (event, payload) => {
      sent.push([event, payload]);
      return Promise.resolve({ ok: true });
    },
    dismissNotice: () => undefined,
    close: () => undefined,
  };
  return renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(locale)}>
      <GatewayContext.Provider value={gateway}>{element}</GatewayContext.Provider>
    </I18nextProvider>,
  );
}
