/**
 * `key.path=value` overrides given on the command line or by tests, applied to the file's data
 * before validation, so an override is checked exactly like a value in the file. The value is
 * read as a YAML scalar or flow list (`gateway.port=0` is the number 0, `log.pretty=false` a
 * boolean, `kiosk.region.idRegionPrefixes=[4108, 4109]` a list); anything else stays text.
 */
import { parse } from 'yaml';
import type { LocatedProblem } from './config-issues.js';

const SEGMENT = /^[A-Za-z0-9_-]+$/;
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

type Tree = Record<string, unknown> | unknown[];

/** Applies each override to `data` in place; returns the problems with overrides that cannot apply. */
export function applyOverrides(
  data: Record<string, unknown>,
  overrides: readonly string[],
): LocatedProblem[] {
  const problems: LocatedProblem[] = [];
  for (const override of overrides) {
    const eq = override.indexOf('=');
    const keyPath = eq < 0 ? override : override.slice(0, eq);
    const segments = keyPath.split('.');
    const refuse = (reason: string): void => {
      problems.push({ segments, path: keyPath, reason: `override ${JSON.stringify(override)}: ${reason}` });
    };
    if (eq < 0) {
      refuse('expected key.path=value');
      continue;
    }
    if (segments.some((s) => !SEGMENT.test(s) || FORBIDDEN.has(s))) {
      refuse('expected a dotted key path of letters, digits, - and _');
      continue;
    }
    const fault = setAt(data, segments, overrideValue(override.slice(eq + 1)));
    if (fault !== undefined) refuse(fault);
  }
  return problems;
}

function overrideValue(text: string): unknown {
  try {
    const value: unknown = parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? text : value;
  } catch {
    return text;
  }
}

function setAt(root: Tree, segments: readonly string[], value: unknown): string | undefined {
  let node: Tree = root;
  for (const [i, segment] of segments.entries()) {
    const last = i === segments.length - 1;
    const key = Array.isArray(node) ? Number(segment) : segment;
    if (
      Array.isArray(node) &&
      !(Number.isInteger(key) && (key as number) >= 0 && (key as number) <= node.length)
    ) {
      return `${segments.slice(0, i).join('.')} is a list; expected an index 0–${node.length}`;
    }
    const record = node as Record<string | number, unknown>;
    if (last) {
      record[key] = value;
      return undefined;
    }
    const next = Object.hasOwn(record, key) ? record[key] : undefined;
    if (next === undefined || next === null) {
      record[key] = {};
    } else if (typeof next !== 'object') {
      return `${segments.slice(0, i + 1).join('.')} holds a value, not a mapping`;
    }
    node = record[key] as Tree;
  }
  return undefined;
}
