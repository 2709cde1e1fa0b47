import type { PNode } from '../sources/cloudformation/parse.ts';
import { forEachReference, mapChild, resourceNode, resourcesMap, templateDoc, type TemplateDoc } from './doc.ts';

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
      // Metadata is not resolved, and Condition / Type name no resource; DependsOn names them as it is.
      if (entry.key === 'Properties') forEachReference(entry.value, visit);
      else if (entry.key === 'DependsOn') for (const name of scalarsOf(entry.value)) visit(name, new Set());
    }
  }
  return out;
}

/** The string scalars of a value or a list of them (`DependsOn: A`, `DependsOn: [A, B]`). */
function scalarsOf(node: PNode): string[] {
  const items = node.kind === 'seq' ? node.items : [node];
  return items.flatMap((item) => (item.kind === 'scalar' && typeof item.value === 'string' ? [item.value] : []));
}
