/**
 * The thread of `emulator-thread.ts`: one byte-level emulator (workerData.device: 'lcdm' or
 * 'ga467') on the master side of a pseudo terminal made here, its controls answered to the
 * spec's messages `{ id, op, args }` with `{ id, value }` or `{ id, error }`. Plain JavaScript on
 * the device-drivers room's built code (its dist): a worker thread has no Jest transform. The ops
 * and their types are `LcdmOps` and `Ga467Ops` there.
 */
import { parentPort, workerData } from 'node:worker_threads';

/**
 * A module of the device-drivers room as built, alone: the package's index loads every device of
 * the room (0.6 to 0.8 s under load, paid at each world's start), these only what the thread's
 * emulator needs.
 */
const built = (file) => import(new URL(`../../device-drivers/dist/${file}`, import.meta.url).href);

const { createPtyLine } = await built('common/pseudo-terminal-pair.js');
const line = await createPtyLine();
// bytes sent while nothing is plugged in are lost, as on a cable whose far end is out
line.deviceEnd.resume();

/** The cable's ops, shared by both devices. */
function lineOps(emulator) {
  return {
    plugIn: () => emulator.attach(line.deviceEnd),
    unplug: () => emulator.detach(),
  };
}

async function lcdm(options) {
  const { LcdmCashDispenserEmulator } = await built('cash-dispenser/lcdm-cash-dispenser.emulator.js');
  const emulator = new LcdmCashDispenserEmulator(options);
  const { mechanism } = emulator;
  const dispense = mechanism.dispense.bind(mechanism);
  const retract = mechanism.retract.bind(mechanism);
  const present = mechanism.present.bind(mechanism);
  let dispenseThen = null;
  let presentThen = null;
  let retractFault = null;
  let retracts = 0;
  mechanism.dispense = (...args) => {
    const outcome = dispense(...args);
    const then = dispenseThen;
    dispenseThen = null;
    if (then) emulator.detach();
    if (then?.lineBackAfterMs !== undefined) {
      setTimeout(() => {
        if (then.busy) emulator.setFault({ kind: 'busy' });
        emulator.attach(line.deviceEnd);
      }, then.lineBackAfterMs);
    }
    return outcome;
  };
  mechanism.present = () => {
    const answer = present();
    const then = presentThen;
    presentThen = null;
    // the emulator sends the PRESENT's answer in this turn (once its promise settles): the fault
    // lands in the next, after the answer has left, with the notes open at the slot
    if (then === 'silent') setImmediate(() => emulator.detach());
    if (then === 'busy') setImmediate(() => emulator.setFault({ kind: 'busy' }));
    return answer;
  };
  mechanism.retract = () => {
    retracts += 1;
    if (retractFault === 'lineDrops') {
      emulator.detach();
      throw new Error('the line dropped');
    }
    if (retractFault === 'failsOnce' && retracts === 1) throw new Error('dropped for an instant');
    const answer = retract();
    if (retractFault === 'answerLost') emulator.detach();
    return answer;
  };
  return {
    emulator,
    ops: {
      ...lineOps(emulator),
      setFault: (fault) => emulator.setFault(fault),
      takeCash: () => emulator.takeCash(),
      retractOnItsOwn: () => emulator.retractOnItsOwn(),
      take: (notes) => mechanism.take(notes),
      takeAtRetract: (notes) => {
        mechanism.takeAtRetract = notes;
      },
      commandsTaken: (cmd) => emulator.commandsTaken(cmd),
      snapshot: () => emulator.snapshot(),
      dispenseThenLineDrops: (then) => {
        dispenseThen = then;
      },
      afterPresent: (fault) => {
        presentThen = fault;
      },
      retractFault: (fault) => {
        retractFault = fault;
        retracts = 0;
      },
      retractsTried: () => retracts,
    },
  };
}

async function ga467(options) {
  const { Ga467IdReaderEmulator } = await built('id-reader/ga467-id-reader.emulator.js');
  const { ga467LooksOf } = await built('id-reader/ga467-emulator-controls.js');
  const { awaitMoreLooks } = await built('common/emulator-looks.js');
  const emulator = new Ga467IdReaderEmulator(options);
  return {
    emulator,
    ops: {
      ...lineOps(emulator),
      placeCard: (key) => emulator.placeCard(key),
      removeCard: () => emulator.removeCard(),
      morePolls: (n, withinMs) => awaitMoreLooks(ga467LooksOf(emulator), n, withinMs, 'idReader'),
    },
  };
}

const { emulator, ops } = await (workerData.device === 'lcdm' ? lcdm : ga467)(workerData.options);
if (workerData.plugged) emulator.attach(line.deviceEnd);

const all = {
  ...ops,
  hostPath: () => line.hostPath,
  close: async () => {
    if (emulator.close) emulator.close();
    else emulator.detach();
    await line.close();
  },
};

parentPort.on('message', async ({ id, op, args }) => {
  try {
    const value = await all[op](...args);
    parentPort.postMessage({ id, value });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
