/** Set by vite.config.ts: false in `vite build --mode kiosk`, where the demo panel is left out. */
declare const __DEMO_PANEL__: boolean;
