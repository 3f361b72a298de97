/**
 * What a bundle is made of, written beside it (`inputs.json`): each file of the workspace the
 * bundler read (the rooms' tsc output, not node_modules), by its path from the repository's root,
 * with a hash of the content it read, and when the build started. Whoever starts the bundle in
 * place of the tsc output (the e2e specs, kiosk-daemon/test/bundled-main.ts) can then tell a
 * stale bundle (one of these files rewritten since) from a tree where only other tsc output is
 * newer (unit specs, modules the daemon does not import): the latter is no reason to rebuild.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';

/** the file beside a bundle's entry that lists its inputs */
export const INPUTS_FILE = 'inputs.json';

const sha1 = (content) => createHash('sha1').update(content).digest('hex');
/** a file the bundler read from the workspace: not a virtual module, a built-in or a package */
const isWorkspaceFile = (id) => isAbsolute(id) && !id.split('\\').join('/').includes('/node_modules/');

/**
 * A rolldown plugin that records the inputs as the bundler reads them: first among the plugins, so
 * that its transform sees each file's content before any other plugin changes it.
 */
export function bundleInputs(repo) {
  const read = new Map();
  return {
    plugin: {
      name: 'bundle-inputs',
      transform(code, id) {
        if (isWorkspaceFile(id)) read.set(id, sha1(code));
        return null;
      },
      buildEnd() {
        // a module no transform saw (none is known): its content as it is now
        for (const id of this.getModuleIds()) {
          if (isWorkspaceFile(id) && !read.has(id)) read.set(id, sha1(readFileSync(id)));
        }
      },
    },
    /** Writes `inputs.json` into the bundle's folder; `builtAt`: when the build started (ms). */
    write(folder, builtAt) {
      const inputs = Object.fromEntries(
        [...read]
          .map(([id, hash]) => [relative(repo, id).split('\\').join('/'), hash])
          .sort(([a], [b]) => (a < b ? -1 : 1)),
      );
      writeFileSync(resolve(folder, INPUTS_FILE), `${JSON.stringify({ builtAt, inputs }, null, 1)}\n`);
    },
  };
}
