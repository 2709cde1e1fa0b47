import type { Attr, SourceRef, Statement } from '../../model/index.ts';

/**
 * JSON with object keys sorted at every depth (arrays keep their order): the canonical form of a
 * Condition block, so two statements with the same condition written in a different key order
 * compare equal. Sources should build `Statement.condition` with this too.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/**
 * The statements of a policy document as AWS publishes it (the managed-policy snapshot), in the
 * model's shape. Every value gets `source`, the place in the template that attached the policy,
 * since a managed policy has no lines of its own the user could be pointed at.
 */
export function statementsFromJson(document: unknown, source: SourceRef): { statements: Statement[]; problems: string[] } {
  const problems: string[] = [];
  const statements: Statement[] = [];
  const doc = asRecord(document);
  const raw = doc?.Statement;
  const list = Array.isArray(raw) ? raw : raw !== undefined ? [raw] : [];
  if (doc === undefined || raw === undefined) problems.push('the policy document has no Statement');
  list.forEach((entry, i) => {
    const st = asRecord(entry);
    const effect = st?.Effect;
    if (st === undefined || (effect !== 'Allow' && effect !== 'Deny')) {
      problems.push(`statement ${i + 1} has no valid Effect`);
      return;
    }
    const statement: Statement = { effect, source };
    if (typeof st.Sid === 'string') statement.sid = st.Sid;
    const actions = strings(st.Action, source);
    const notActions = strings(st.NotAction, source);
    const resources = strings(st.Resource, source);
    const notResources = strings(st.NotResource, source);
    if (actions !== undefined) statement.actions = actions;
    if (notActions !== undefined) statement.notActions = notActions;
    if (resources !== undefined) statement.resources = resources;
    if (notResources !== undefined) statement.notResources = notResources;
    if (st.Condition !== undefined) statement.condition = canonicalJson(st.Condition);
    statements.push(statement);
  });
  return { statements, problems };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function strings(value: unknown, source: SourceRef): Attr<string>[] | undefined {
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? value : [value];
  return list.map((v): Attr<string> =>
    typeof v === 'string' ? { known: true, value: v, source } : { known: false, reason: `not a string: ${JSON.stringify(v)}`, source },
  );
}
