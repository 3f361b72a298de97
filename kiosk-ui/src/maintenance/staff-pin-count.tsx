/**
 * While a staff log-in waits for the PIN on the kiosk's pad: how many digits are in, of how many
 * (the resident's PIN screen says the same), read from the daemon every moment; never a digit.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MaintenanceApi } from './maintenance-api';

/** how often the count is read while staff type: a key press shows within this */
const READ_EVERY_MS = 250;

export function StaffPinCount({ api }: { api: MaintenanceApi }) {
  const [pin, setPin] = useState<{ entered: number; length: number } | null>(null);
  useEffect(() => {
    let shown = true;
    const read = () =>
      void api.loginPin().then(
        (now) => {
          if (shown) setPin(now);
        },
        () => undefined, // the log-in's own answer says what went wrong
      );
    read();
    const timer = setInterval(read, READ_EVERY_MS);
    return () => {
      shown = false;
      clearInterval(timer);
    };
  }, [api]);
  return <StaffPinDigits pin={pin} />;
}

/** The count in words, as the daemon last said it; nothing until the pad asks for the PIN. */
export function StaffPinDigits({ pin }: { pin: { entered: number; length: number } | null }) {
  const { t } = useTranslation();
  if (pin === null) return null;
  return (
    <p
      className="staff-login__pin-count"
      aria-live="polite"
      data-testid="staff-pin-count"
      data-entered={pin.entered}
    >
      {t('pin.entered', { entered: pin.entered, length: pin.length })}
    </p>
  );
}
