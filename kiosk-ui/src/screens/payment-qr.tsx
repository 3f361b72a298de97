import qrcode from 'qrcode-generator';
import { useTranslation } from 'react-i18next';
import { formatYuan, type PaymentQrView } from '@kiosk/domain';
import { useKioskTimeZone } from '../display/kiosk-time-zone';

/** modules of white around the code, as the QR standard asks */
const QUIET_ZONE = 4;

/** The dark modules of `content` as one SVG path (a 1 × 1 square per module), and the side length. */
export function qrPath(content: string): { d: string; size: number } {
  const code = qrcode(0, 'M');
  code.addData(content, 'Byte');
  code.make();
  const count = code.getModuleCount();
  let d = '';
  for (let row = 0; row < count; row += 1) {
    for (let col = 0; col < count; col += 1) {
      if (code.isDark(row, col)) d += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`;
    }
  }
  return { d, size: count + 2 * QUIET_ZONE };
}

/**
 * The fee's payment order drawn as a QR code for the resident's phone, black on white in every
 * display mode; a screen reader hears what it is for and how much, and the caption says the
 * amount and until when the code can be paid.
 */
export function PaymentQr({ payment }: { payment: PaymentQrView }) {
  const { t, i18n } = useTranslation();
  const timeZone = useKioskTimeZone();
  const { d, size } = qrPath(payment.qrContent);
  const amount = formatYuan(payment.amountFen);
  const until = new Date(payment.expiresAt).toLocaleTimeString(i18n.language, {
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  });
  return (
    <figure className="payment-qr" data-testid="payment-qr">
      <svg
        className="payment-qr__code"
        role="img"
        aria-label={t('paymentQr.label', { amount })}
        viewBox={`0 0 ${size} ${size}`}
        shapeRendering="crispEdges"
      >
        <rect width={size} height={size} fill="#ffffff" />
        <path d={d} fill="#000000" />
      </svg>
      <figcaption className="payment-qr__caption">
        {t('paymentQr.caption', { amount, time: until })}
      </figcaption>
    </figure>
  );
}
