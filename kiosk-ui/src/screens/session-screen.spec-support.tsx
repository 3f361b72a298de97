/** The session screen of a view rendered to HTML for specs, with the step's own presentation. */
import type { Locale } from '@kiosk/domain';
import type { JourneyView } from '../gateway/proposed-contract';
import type { GatewayState } from '../gateway/gateway-state';
import { renderForSpec } from './render-for-spec';
import { SessionScreen } from './session-screen';
import { presentationOf } from './step-presentations';

/** `view` on the session screen in `locale`, the gateway's `state` (the kiosk's offer) as given */
export function renderSession(
  view: JourneyView,
  locale: Locale = 'zh-CN',
  state: Partial<GatewayState> = {},
): string {
  return renderForSpec(<SessionScreen view={view} presentation={presentationOf(view.step)} />, locale, state);
}

/** A rendered screen's title and hint, their markup dropped. */
export function screenWordsOf(html: string): { title: string; hint: string } {
  const text = (re: RegExp) => re.exec(html)?.[1]?.replace(/<[^>]+>/g, '') ?? '';
  return {
    title: text(/<h2 class="screen-title"[^>]*>(.*?)<\/h2>/s),
    hint: text(/<p class="screen-hint">(.*?)<\/p>/s),
  };
}
