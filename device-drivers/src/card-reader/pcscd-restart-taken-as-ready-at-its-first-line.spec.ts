/**
 * Fault: a restart of the specs' pcscd (`PcscdProcess.restart`) ended at the first line the new
 * pcscd printed. Its start looked for pcscd's ready line in all the output it had kept, where the
 * ready line of the pcscd before the restart already stood: the restart resolved while the new
 * pcscd was still setting its readers up (with its trace, tens of lines before its own ready line),
 * and a spec went on against a pcscd that did not serve yet. Now each start looks at what its own
 * pcscd printed (`PcscdReadyLine`), each stream apart; the output kept stays whole. The real pcscd
 * restarted: pcsc-chip-station e2e.
 */
import { PcscdOutput, PcscdReadyLine } from './pcscd-output.js';

const FIRST_LINES = [
  '00000000 debuglog.c:386:DebugLogSetLevel() debug level=info\n',
  '00000017 pcscdaemon.c:341:main() using new config directory: /tmp/pcscd-conf-x\n',
  '00000002 debuglog.c:390:DebugLogSetLevel() debug level=debug\n',
];
const READY = '00000033 pcscdaemon.c:666:main() pcsc-lite 1.9.9 daemon ready.\n';

describe('fault: pcscd-restart-taken-as-ready-at-its-first-line', () => {
  it('the restarted pcscd is not ready at its first lines, though the output kept holds the ready line of the one before', () => {
    const kept = new PcscdOutput();
    for (const line of [...FIRST_LINES, READY]) kept.push(line, 'stderr'); // the pcscd before the restart
    const restarted = new PcscdReadyLine();
    for (const line of FIRST_LINES) {
      kept.push(line, 'stderr');
      expect(restarted.heard(line, 'stderr')).toBe(false);
    }
    expect(kept.text).toContain('daemon ready');
    expect(restarted.heard(READY, 'stderr')).toBe(true);
    expect(restarted.heard('00000010 readerfactory.c:1 more\n', 'stderr')).toBe(true); // ready it stays
  });

  it('a ready line that comes in two pieces is heard; pieces of the two streams are not one line', () => {
    const split = new PcscdReadyLine();
    expect(
      split.heard(`${FIRST_LINES[0]}00000033 pcscdaemon.c:666:main() pcsc-lite 1.9.9 daemon `, 'stdout'),
    ).toBe(false);
    expect(split.heard('ready.\n', 'stdout')).toBe(true);

    const across = new PcscdReadyLine();
    expect(across.heard('00000033 pcscdaemon.c:666:main() pcsc-lite 1.9.9 daemon ', 'stdout')).toBe(false);
    expect(across.heard('ready.\n', 'stderr')).toBe(false);
  });
});
