/** The demo drawer with its stylesheet: one lazily loaded chunk, absent from kiosk builds. */
import './demo.css';

export { DemoDrawer } from './demo-drawer';
