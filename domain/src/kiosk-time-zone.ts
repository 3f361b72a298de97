/**
 * China Standard Time: the host's business day, and the zone of every kiosk whose profile names
 * none (`kiosk.timeZone`). Named here once for every room: the config's default, the receipts'
 * zone when none is given (device-drivers), and the screens' until the kiosk's view has come
 * (kiosk-ui). Plain data, no Node: the browser builds take it with the rest of the domain.
 */
export const DEFAULT_KIOSK_TIME_ZONE = 'Asia/Shanghai';
