import { startLcdmRig, YUAN, type LcdmRig } from './lcdm-rig.js';

describe('fault: notes not taken', () => {
  let rig: LcdmRig;
  beforeEach(async () => {
    rig = await startLcdmRig();
  });
  afterEach(async () => {
    await rig.stop();
  });

  it('retracts the presented notes to the retract bin with their exact amount', async () => {
    const taken = jestFn();
    rig.driver.onCashTaken(taken.fn);
    await rig.driver.dispense(500 * YUAN);
    await rig.driver.present();
    expect(rig.emulator.mechanism.presenter.open).toBe(true);
    await expect(rig.driver.retract()).resolves.toEqual({ retractedFen: 50_000, notes: 5 });
    expect(rig.emulator.mechanism.retractBin).toBe(5);
    expect(rig.driver.status().supplies.find((s) => s.name === 'retractBin')).toMatchObject({ count: 5 });
    expect(rig.driver.presenter()).toEqual({ state: 'empty', amountFen: 0, notes: 0 });
    expect(taken.calls).toBe(0);
    expect(rig.emulator.mechanism.totalNotes()).toBe(400);
  });

  it('reports the notes taken when the resident took them just before the retract', async () => {
    const taken = jestFn();
    rig.driver.onCashTaken(taken.fn);
    await rig.driver.dispense(100 * YUAN);
    await rig.driver.present();
    rig.emulator.takeCash();
    const result = await rig.driver.retract();
    // either the presenter poll or the empty retract saw it: taken once, nothing retracted
    expect(result).toEqual({ retractedFen: 0, notes: 0 });
    expect(taken.calls).toBe(1);
  });
});

function jestFn(): { fn: () => void; readonly calls: number } {
  let calls = 0;
  return {
    fn: () => (calls += 1),
    get calls() {
      return calls;
    },
  };
}
