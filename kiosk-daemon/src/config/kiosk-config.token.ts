/** Injection token of the typed, validated, frozen kiosk configuration loaded once at boot. */
export const KIOSK_CONFIG = Symbol('KIOSK_CONFIG');
