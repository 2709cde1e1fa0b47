import type { PNode } from '../sources/cloudformation/parse.ts';
import { mapChild, resourceNode, resourcesMap, templateDoc, type TemplateDoc } from './doc.ts';

/**
 * References a fix must not add: from a resource to one that exists only under a `Condition` the
 * referring resource does not share, outside an `Fn::If` on that condition. When the condition is
 * false, CloudFormation rejects the whole template ("Unresolved resource dependencies"), so a fix
 * that writes one (an egress rule to a database group created only in some stacks) would break
 * the deployments the template serves.
 */

/** The `Condition` a resource of the template is created under, if any. */
export function resourceCondition(doc: TemplateDoc, logicalId: string): string | undefined {
  const c = mapChild(resourceNode(doc, logicalId), 'Condition');
  return c?.kind === 'scalar' && typeof c.value === 'string' ? c.value : undefined;
}

/**
 * The `Condition` a new resource that references all of `logicalIds` must be created under: the
 * one some of them have (null when they have different ones, which no single condition expresses).
 */
export function sharedCondition(doc: TemplateDoc, logicalIds: readonly string[]): string | undefined | null {
  const conditions = new Set(logicalIds.map((id) => resourceCondition(doc, id)).filter((c): c is string => c !== undefined));
  if (conditions.size > 1) return null;
  return [...conditions][0];
}

/** A reference `from` → `to`, where `to` exists only when `condition` holds. */
export interface ConditionalReference {
  from: string;
  to: string;
  condition: string;
}

/**
 * The references that `after` (a new text of `file`) has and `before` has not: the ones a fix
 * would add. Empty when either text is not a template the fixes edit.
 */
export function addedConditionalReferences(file: string, before: string, after: string): ConditionalReference[] {
  const afterDoc = templateDoc(file, after);
  if (afterDoc === undefined) return [];
  const beforeDoc = templateDoc(file, before);
  const existing = new Set((beforeDoc === undefined ? [] : conditionalReferences(beforeDoc)).map(key));
  return conditionalReferences(afterDoc).filter((r) => !existing.has(key(r)));
}

function key(r: ConditionalReference): string {
  return `${r.from}\u0000${r.to}\u0000${r.condition}`;
}

/** Every unguarded reference of the template from a resource to a resource under another condition. */
export function conditionalReferences(doc: TemplateDoc): ConditionalReference[] {
  const resources = resourcesMap(doc);
  if (resources === undefined) return [];
  const conditionOf = new Map<string, string>();
  for (const e of resources.entries) {
    const c = mapChild(e.value, 'Condition');
    if (c?.kind === 'scalar' && typeof c.value === 'string') conditionOf.set(e.key, c.value);
  }
  if (conditionOf.size === 0) return [];
  const out: ConditionalReference[] = [];
  const seen = new Set<string>();
  for (const e of resources.entries) {
    if (e.value.kind !== 'map') continue;
    const own = conditionOf.get(e.key);
    const visit = (to: string, guards: ReadonlySet<string>): void => {
      const condition = conditionOf.get(to);
      if (condition === undefined || condition === own || guards.has(condition) || to === e.key) return;
      const r = { from: e.key, to, condition };
      if (!seen.has(key(r))) {
        seen.add(key(r));
        out.push(r);
      }
    };
    for (const entry of e.value.entries) {
      // Metadata is not resolved, and Condition / Type name no resource.
      if (entry.key === 'Properties' || entry.key === 'DependsOn') walk(entry.value, new Set(), visit, entry.key === 'DependsOn', 0);
    }
  }
  return out;
}

/** Calls `visit` for each resource named under `node`, with the conditions of the `Fn::If` branches it is in. */
function walk(node: PNode, guards: ReadonlySet<string>, visit: (to: string, guards: ReadonlySet<string>) => void, names: boolean, depth: number): void {
  if (depth > 200) return;
  if (node.kind === 'scalar') {
    if (names && typeof node.value === 'string') visit(node.value, guards);
    return;
  }
  if (node.kind === 'seq') {
    for (const item of node.items) walk(item, guards, visit, names, depth + 1);
    return;
  }
  const only = node.entries.length === 1 ? node.entries[0] : undefined;
  if (only !== undefined) {
    const arg = only.value;
    if (only.key === 'Ref' && arg.kind === 'scalar' && typeof arg.value === 'string') return visit(arg.value, guards);
    if (only.key === 'Fn::GetAtt') {
      const first = arg.kind === 'seq' ? arg.items[0] : arg;
      if (first?.kind === 'scalar' && typeof first.value === 'string') visit(first.value.split('.')[0], guards);
      return;
    }
    if (only.key === 'Fn::Sub') {
      const template = arg.kind === 'seq' ? arg.items[0] : arg;
      if (template?.kind === 'scalar' && typeof template.value === 'string') {
        for (const m of template.value.matchAll(/\$\{([A-Za-z0-9]+)(?:\.[^}]*)?\}/g)) visit(m[1], guards);
      }
      if (arg.kind === 'seq' && arg.items[1] !== undefined) walk(arg.items[1], guards, visit, false, depth + 1);
      return;
    }
    if (only.key === 'Fn::If' && arg.kind === 'seq' && arg.items[0]?.kind === 'scalar' && typeof arg.items[0].value === 'string') {
      // The true branch is evaluated only when the condition holds; the false branch never is then.
      const condition = arg.items[0].value;
      if (arg.items[1] !== undefined) walk(arg.items[1], new Set([...guards, condition]), visit, names, depth + 1);
      if (arg.items[2] !== undefined) walk(arg.items[2], guards, visit, names, depth + 1);
      return;
    }
  }
  for (const e of node.entries) walk(e.value, guards, visit, names, depth + 1);
}
