/**
 * Large text, on the resident's screens (the top bar) and on the staff screens (their bar): the
 * switch, and the page's root font size it scales (`html.large-text`, kiosk.css), so every `rem`
 * grows.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** The large-text switch, pressed while large text is on. */
export function LargeTextButton({ on, onSwitch }: { on: boolean; onSwitch: (on: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="tool-button"
      aria-pressed={on}
      data-testid="large-text"
      onClick={() => onSwitch(!on)}
    >
      <span aria-hidden="true">A+ </span>
      {t('app.largeText')}
    </button>
  );
}

/** The page in large text while `on`. */
export function useLargeText(on: boolean): void {
  useEffect(() => {
    document.documentElement.classList.toggle('large-text', on);
  }, [on]);
}
