/**
 * The parts of `build-bundle.mjs` that let a bundle start through V8's code cache
 * (`bundle-loader.cjs`; docs/adr/0012-terminals-start-the-bundle.md). Node 20 compiles an ES module
 * without a cache, so the bundle is written as CommonJS and its chunks compiled by the loader:
 * - the program's entry becomes `<name>.program.js`, its top level wrapped in an async function whose
 *   promise it exports (CommonJS has no top-level await), and `<name>.js` is a small entry that
 *   starts it through the loader;
 * - an `import()` left in a chunk (of a package outside the bundle: serialport, the canvas, an
 *   optional Nest package…) goes through the loader, whose own `import()` Node's loader serves: a
 *   script compiled by `vm` has no dynamic import of its own on Node 20 without a flag or an
 *   experimental warning.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAst } from 'rolldown/parseAst';

const LOADER = fileURLToPath(new URL('./bundle-loader.cjs', import.meta.url));
const LOADER_NAME = 'bundle-loader.cjs';

/** The rolldown input for `entry`: its chunk is `<name>.program.js` (`<name>.js` is the loader's entry). */
export const programInput = (entry) => ({ [`${basename(entry, '.js')}.program`]: entry });

/**
 * Wraps the entry's top level (all but its imports) in an async function and exports its promise
 * as `default`. Lines keep their numbers: the imports are moved to the first line and blanked where
 * they were. An entry that exports something is refused (a program's entry is not a library).
 */
export function entryTopLevel(entry) {
  return {
    name: 'entry-top-level',
    transform(code, id) {
      if (id !== entry) return null;
      const source = code.startsWith('#!')
        ? code.replace(/^#![^\n]*/, (line) => ' '.repeat(line.length))
        : code;
      const imports = [];
      let body = source;
      for (const node of parseAst(source).body) {
        if (/^Export/.test(node.type)) {
          throw new Error(`bundle: ${entry} exports something; a bundled program's entry must not`);
        }
        if (node.type !== 'ImportDeclaration') continue;
        imports.push(source.slice(node.start, node.end).replace(/\s+/g, ' '));
        body =
          body.slice(0, node.start) +
          body.slice(node.start, node.end).replace(/[^\n]/g, ' ') +
          body.slice(node.end);
      }
      return { code: `${imports.join(' ')} export default (async () => { ${body}\n})();\n`, map: null };
    },
  };
}

/** `import(` becomes a call of this function of the same length: the chunk's source map stays right. */
const DYNAMIC_IMPORT = '__imp_';

function importExpressionsIn(node, found) {
  if (Array.isArray(node)) {
    for (const child of node) importExpressionsIn(child, found);
  } else if (node && typeof node === 'object') {
    if (node.type === 'ImportExpression') found.push(node.start);
    for (const key of Object.keys(node)) {
      if (node[key] && typeof node[key] === 'object') importExpressionsIn(node[key], found);
    }
  }
  return found;
}

/**
 * `Function("return f => import(f)")()`: an `import()` hidden from tsc (TypeORM's file loader, for
 * entities and migrations named by path: the journal names its classes). Code made by `Function`
 * has no dynamic import in a `vm` script; written as the arrow it stands for, its `import()` goes
 * through the loader like the others.
 */
const HIDDEN_IMPORT = /Function\((['"])return (\w+) => import\(\2\)\1\)\(\)/g;

/**
 * Each `import()` left in a chunk is made through the loader (the function added at the chunk's
 * end). The build stops on an `import(` left in a chunk's text (in a string run by `Function` or
 * `eval`, which could not import in the bundle).
 */
export const dynamicImportsThroughLoader = {
  name: 'dynamic-imports-through-loader',
  transform(code) {
    if (!code.includes('import(')) return null;
    const out = code.replace(HIDDEN_IMPORT, (_all, _quote, name) => `((${name}) => import(${name}))`);
    return out === code ? null : { code: out, map: null };
  },
  renderChunk(code, chunk) {
    if (!code.includes('import(')) return null;
    let out = code;
    for (const start of importExpressionsIn(parseAst(code), [])) {
      out = out.slice(0, start) + DYNAMIC_IMPORT + out.slice(start + 'import'.length);
    }
    const left = out.split('\n').findIndex((line) => /\bimport\(/.test(line) && !/^\s*(\/\/|\*)/.test(line));
    if (left >= 0) {
      throw new Error(
        `bundle: ${chunk.fileName}:${left + 1} has an import() the loader cannot serve: ${out.split('\n')[left].trim().slice(0, 160)}`,
      );
    }
    out += `\nfunction ${DYNAMIC_IMPORT}(specifier) { return require("./${LOADER_NAME}").dynamicImport(specifier); }\n`;
    return { code: out, map: null };
  },
};

/** rolldown's CommonJS form of `import.meta.url`: the chunk's own URL, as in the ES module it was */
export const IMPORT_META_URL = /require\("url"\)\.pathToFileURL\(__filename\)\.href/g;

/**
 * Writes the loader, the entry a terminal starts (`<name>.js`) and a package.json that makes the
 * folder's `.js` files CommonJS.
 */
export function writeLoader(out, entry) {
  const name = basename(entry, '.js');
  copyFileSync(LOADER, resolve(out, LOADER_NAME));
  writeFileSync(resolve(out, 'package.json'), '{ "type": "commonjs" }\n');
  writeFileSync(
    resolve(out, `${name}.js`),
    [
      "'use strict';",
      `// The bundle's entry (kiosk-daemon/scripts/build-bundle.mjs): ${name}.program.js started with V8's code cache.`,
      `require('./${LOADER_NAME}').start(__dirname, '${name}.program.js');`,
      '',
    ].join('\n'),
  );
}
