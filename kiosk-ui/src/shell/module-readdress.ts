/**
 * The modules of a lazily loaded part fetched again past a stalled fetch (`lazy-with-retry.ts`),
 * at addresses of their own: the part's whole module graph that was new to the page, not its
 * module alone.
 *
 * Chromium joins an import of a module to its fetch still under way, stalled. Importing the part's
 * module at an address of its own is not enough when the stalled file is one it imports (a chunk
 * Vite split out, shared by several parts): its imports, relative, resolve to the stalled address
 * again, and every part importing that chunk stalls with it. So past a stalled fetch of one of its
 * modules, the modules the part's first try put in the page (Vite's `modulepreload` links: the
 * part's module, the chunks it needs that the page had not yet) are moved to addresses of their own
 * (`?retry=n`), and an import map scoped to each new address sends their imports of a moved module
 * to its new address (Chromium takes import maps put in after the page's first modules, for
 * importers it has not seen yet). A part first tried later gets the same map for its new modules,
 * so it imports the moved chunks where they came from and does not stall on them.
 *
 * Modules the page had before (its entry, the chunks it loaded already) keep their addresses: moved,
 * they would be run a second time (a second app, a second React). A chunk the part put in first that
 * another part, fetched at the same time, ran already would be run again at its new address: none
 * of the UI's parts keep state in a shared chunk.
 */
import { freshAddress, linkSettled } from './stylesheet-relink';

/** A module's stalled address → the address it was moved to (the latest, should that stall too). */
const moved = new Map<string, string>();

/** Whether `href` is one of the page's own module scripts (its entry): never run a second time. */
function pageScript(href: string): boolean {
  const scripts = document.querySelectorAll<HTMLScriptElement>('script[type="module"][src]');
  return [...scripts].some((script) => script.src === href);
}

/** The modules among a part's links that may be moved: those the page did not run before. */
const movable = (links: readonly HTMLLinkElement[]): HTMLLinkElement[] =>
  links.filter((link) => link.rel === 'modulepreload' && !pageScript(link.href));

/** An import map: each of `importers` imports every moved module from its new address. */
function importMovedFrom(importers: readonly string[]): void {
  if (moved.size === 0 || importers.length === 0) return;
  const imports = Object.fromEntries(moved);
  const map = document.createElement('script');
  map.type = 'importmap';
  map.textContent = JSON.stringify({ scopes: Object.fromEntries(importers.map((href) => [href, imports])) });
  document.head.append(map);
}

/**
 * A part's first try put `links` in the page (its modules' fetches just begun, none of their
 * imports resolved yet): its new modules import the moved ones from their new addresses.
 */
export function firstTryImportsMoved(links: readonly HTMLLinkElement[]): void {
  importMovedFrom(movable(links).map((link) => link.href));
}

/**
 * Where a stalled part's module is imported at its next try (`undefined`: the part put in none).
 * At its own address while its modules all came (a stylesheet of it stalled, Vite's import not yet
 * made), unless a try there stalled already (`stalledThere`: its graph waits on a module the page
 * had); else its new modules are moved, each to an address of its own, and it is imported at its.
 */
export function retryModuleAt(
  links: readonly HTMLLinkElement[],
  stalledThere: boolean,
): { readonly href: string; readonly own: boolean } | undefined {
  const modules = movable(links);
  const [part] = modules;
  if (part === undefined) return undefined;
  if (!stalledThere && modules.every(linkSettled)) return { href: part.href, own: true };
  const fresh = modules.map((module) => {
    const href = freshAddress(module.href);
    moved.set(module.href, href);
    return href;
  });
  importMovedFrom(fresh);
  return { href: fresh[0]!, own: false };
}
