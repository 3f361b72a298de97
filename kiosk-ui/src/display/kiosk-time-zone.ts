/**
 * The kiosk's local time zone, in which every screen shows a date or a time. The profiles name no
 * time zone: the kiosks of every region run on China Standard Time, which the receipts print
 * (`formatChinaTime`) and the host's business day keeps. The browser's own zone is the terminal
 * system's, which a kiosk image may leave at UTC: a screen that used it said another day or hour
 * than the receipt it printed.
 */
export const KIOSK_TIME_ZONE = 'Asia/Shanghai';
