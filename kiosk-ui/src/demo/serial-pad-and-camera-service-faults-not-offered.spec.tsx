import { renderForSpec } from '../screens/render-for-spec';
import { DEMO_FAULTS, DemoFaults } from './demo-faults';

/**
 * Fault: the demo panel offered the PIN pad 'offline' only and the camera 'offline' and 'noFace',
 * though the demo runs the serial pad and the face-match service over HTTP on their real drivers:
 * the pad's line faults (device-drivers' EPP_DEMO_FAULTS) and the service's own faults
 * (CAMERA_SERVICE_FAULTS) could not be set from the panel. Each is offered now, by its emulator's
 * word, and named in both languages.
 */
const PAD_LINE_FAULTS = [
  'noAnswer',
  'tornFrame',
  'badCheckByte',
  'corruptedLength',
  'cablePulledDuringEntry',
];
const SERVICE_FAULTS = [
  'notLive',
  'busy',
  'serverError',
  'malformedJson',
  'missingScore',
  'scoreOutOfRange',
  'otherCaptureId',
  'silent',
];

describe("demo panel: the serial pad's and the face-match service's faults", () => {
  it("offers the serial pad's line faults and the service's faults by their emulators' words", () => {
    expect(DEMO_FAULTS.pinPad).toEqual(['offline', ...PAD_LINE_FAULTS]);
    expect(DEMO_FAULTS.camera).toEqual(['offline', 'noFace', ...SERVICE_FAULTS]);
  });

  it.each(['en', 'zh-CN'] as const)('names each of them in words (%s), never by its code', (locale) => {
    const set = [
      ...PAD_LINE_FAULTS.map((fault) => ({ device: 'pinPad', fault })),
      ...SERVICE_FAULTS.map((fault) => ({ device: 'camera', fault })),
    ];
    const html = renderForSpec(<DemoFaults faults={set} />, locale);
    for (const { fault } of set) {
      const named = new RegExp(`data-fault="${fault}"><span>[^<]+: <strong>([^<]+)</strong>`).exec(html);
      expect(named?.[1]).toBeDefined();
      expect(named?.[1]).not.toBe(fault);
    }
    expect(
      renderForSpec(<DemoFaults faults={[{ device: 'pinPad', fault: 'cablePulledDuringEntry' }]} />, locale),
    ).toContain(locale === 'en' ? 'cable pulled during PIN entry' : '输入密码时线缆被拔出');
  });
});
