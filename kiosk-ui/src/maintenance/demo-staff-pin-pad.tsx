/**
 * In the demo profile only: the emulated PIN pad on the staff page, so a staff PIN can be typed
 * without the resident screen's demo drawer. Its own chunk, left out of kiosk builds; the keys go
 * to the emulated pad exactly as the drawer's do, and nothing typed is kept or shown.
 */
import { DemoPinPad } from '../demo/demo-pin-pad';
import '../demo/demo.css';

export function DemoStaffPinPad() {
  return (
    <div className="staff-login__demo-pad" data-testid="staff-demo-pin-pad">
      <DemoPinPad />
    </div>
  );
}
