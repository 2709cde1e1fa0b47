import type { Loc, RValue } from './resolved.ts';
import type { PNode, PPos } from './parse.ts';
import { knownText, literalString, placeholderOf, refPlaceholder, sameValue } from './intrinsics/context.ts';
import type { Evaluated, Tri } from './intrinsics/context.ts';
import { tokenizePartial } from './intrinsics/strings.ts';

/** What condition evaluation needs from the resolver. */
export interface ConditionHost {
  evaluate(node: PNode, path: string, depth: number): Evaluated;
  problem(loc: Loc, message: string): void;
  locOf(node: PNode, path: string): Loc;
}

export interface ConditionDefinition {
  node: PNode;
  keyPos: PPos;
}

/** Beyond this many conditions referring to one another, evaluation stops (and says so) rather than recursing on. */
export const MAX_CONDITION_CHAIN = 64;

/**
 * Evaluates the template's `Conditions` in three-valued logic (true, false, unknown), each at
 * most once. A condition that refers back to itself, directly or through others, is reported
 * once and is unknown; it never recurses without bound.
 */
export class ConditionEvaluator {
  private readonly host: ConditionHost;
  private readonly definitions: ReadonlyMap<string, ConditionDefinition>;
  private readonly results = new Map<string, Tri>();
  private readonly inProgress: string[] = [];
  private readonly reported = new Set<string>();

  constructor(host: ConditionHost, definitions: ReadonlyMap<string, ConditionDefinition>) {
    this.host = host;
    this.definitions = definitions;
  }

  has(name: string): boolean {
    return this.definitions.has(name);
  }

  /** The value of condition `name`, used at `loc`. */
  get(name: string, loc: Loc, depth: number): Tri {
    const done = this.results.get(name);
    if (done !== undefined) return done;
    const definition = this.definitions.get(name);
    if (definition === undefined) {
      this.report(loc, `condition ${name} is not defined in Conditions`);
      return 'unknown';
    }
    const cycleStart = this.inProgress.indexOf(name);
    if (cycleStart !== -1) {
      const cycle = [...this.inProgress.slice(cycleStart), name].join(' -> ');
      this.report(this.host.locOf(definition.node, `Conditions.${name}`), `conditions refer to each other in a cycle: ${cycle}`);
      return 'unknown';
    }
    if (this.inProgress.length >= MAX_CONDITION_CHAIN) {
      this.report(loc, `conditions refer to one another more than ${MAX_CONDITION_CHAIN} levels deep; ${name} is treated as unknown`);
      return 'unknown';
    }
    this.inProgress.push(name);
    let result: Tri;
    try {
      result = this.expression(definition.node, `Conditions.${name}`, depth + 1);
    } finally {
      this.inProgress.pop();
    }
    this.results.set(name, result);
    return result;
  }

  /** Evaluates a condition expression: `Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`, `Condition`. */
  expression(node: PNode, path: string, depth: number): Tri {
    const loc = this.host.locOf(node, path);
    if (depth > 256) {
      this.report(loc, 'condition nests too deeply');
      return 'unknown';
    }
    if (node.kind === 'scalar') {
      // Not valid CloudFormation, but a literal true/false is unambiguous.
      if (node.value === true || node.value === 'true') return true;
      if (node.value === false || node.value === 'false') return false;
      this.report(loc, 'a condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition');
      return 'unknown';
    }
    if (node.kind !== 'map' || node.entries.length !== 1) {
      this.report(loc, 'a condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition');
      return 'unknown';
    }
    const { key, value } = node.entries[0]!;
    switch (key) {
      case 'Condition': {
        const name = literalString(value);
        if (name === undefined) {
          this.report(loc, 'Condition takes the name of a condition');
          return 'unknown';
        }
        return this.get(name, loc, depth + 1);
      }
      case 'Fn::Equals': {
        if (value.kind !== 'seq' || value.items.length !== 2) {
          this.report(loc, 'Fn::Equals takes [value, value]');
          return 'unknown';
        }
        const a = this.host.evaluate(value.items[0]!, path, depth + 1);
        const b = this.host.evaluate(value.items[1]!, path, depth + 1);
        if (typeof a === 'symbol' || typeof b === 'symbol') return a === b;
        return equalsValues(a, b);
      }
      case 'Fn::Not': {
        if (value.kind !== 'seq' || value.items.length !== 1) {
          this.report(loc, 'Fn::Not takes [condition]');
          return 'unknown';
        }
        const inner = this.expression(value.items[0]!, path, depth + 1);
        return inner === 'unknown' ? 'unknown' : !inner;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        if (value.kind !== 'seq' || value.items.length === 0) {
          this.report(loc, `${key} takes a list of 2 to 10 conditions`);
          return 'unknown';
        }
        if (value.items.length < 2 || value.items.length > 10) this.report(loc, `${key} takes 2 to 10 conditions, not ${value.items.length}`);
        const decisive = key === 'Fn::And' ? false : true;
        let sawUnknown = false;
        // Every operand is evaluated (no short cut) so that cycles and errors in each are reported.
        let decided = false;
        for (const item of value.items) {
          const r = this.expression(item, path, depth + 1);
          if (r === decisive) decided = true;
          else if (r === 'unknown') sawUnknown = true;
        }
        if (decided) return decisive;
        return sawUnknown ? 'unknown' : !decisive;
      }
      default:
        this.report(loc, `${key} is not a condition function`);
        return 'unknown';
    }
  }

  private report(loc: Loc, message: string): void {
    if (this.reported.has(message)) return;
    this.reported.add(message);
    this.host.problem(loc, message);
  }
}

/**
 * `Fn::Equals` over resolved values. Known scalars compare as text (CloudFormation compares
 * strings: `80` equals `"80"`). Equal partial strings are the same value. A partial string
 * whose fixed prefix or suffix cannot match a known string is decidedly different.
 */
export function equalsValues(a: RValue, b: RValue): Tri {
  const ta = knownText(a);
  const tb = knownText(b);
  if (ta !== undefined && tb !== undefined) return ta === tb;
  if (a.kind === 'null' || b.kind === 'null') {
    if (a.kind === 'null' && b.kind === 'null') return true;
    if (ta !== undefined || tb !== undefined) return false;
  }
  if (sameValue(a, b)) return true;
  if (a.kind === 'array' && b.kind === 'array') {
    if (a.items.length !== b.items.length) return false;
    let result: Tri = true;
    for (let i = 0; i < a.items.length; i++) {
      const r = equalsValues(a.items[i]!, b.items[i]!);
      if (r === false) return false;
      if (r === 'unknown') result = 'unknown';
    }
    return result;
  }
  const pa = partialText(a);
  const pb = partialText(b);
  if (pa !== undefined && tb !== undefined && cannotMatch(pa, tb)) return false;
  if (pb !== undefined && ta !== undefined && cannotMatch(pb, ta)) return false;
  return 'unknown';
}

function partialText(value: RValue): string | undefined {
  if (value.kind === 'string' && value.partial === true) return value.value;
  if (value.kind === 'ref') return refPlaceholder(value);
  return placeholderOf(value);
}

function cannotMatch(partial: string, known: string): boolean {
  const tokens = tokenizePartial(partial);
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (first !== undefined && !first.placeholder && !known.startsWith(first.text)) return true;
  if (last !== undefined && !last.placeholder && !known.endsWith(last.text)) return true;
  return false;
}
