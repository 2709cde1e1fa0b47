// Agreement of our rule predicates with the labeled fixtures of KICS and cfn_nag (scripts/agreement.ts).
// The counts are pinned exactly, and every disagreement must be the one docs/agreement.md explains:
// a new disagreement, a fixed one, or a changed count fails here until the page says why.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CORPUS, measureAgreement, resourceAtLine, shortPath, type Facts, type Row } from '../scripts/agreement.ts';

const DOC = readFileSync(resolve(import.meta.dirname, '..', 'docs', 'agreement.md'), 'utf8');

/** comparison → [fixtures compared, TP, FP, FN] */
const EXPECTED: Record<string, [number, number, number, number]> = {
  W2: [12, 8, 0, 1],
  F1000: [11, 3, 1, 0],
  W5: [12, 1, 0, 7],
  F3: [9, 2, 0, 0],
  F4: [9, 1, 0, 0],
  F5: [9, 1, 0, 0],
  'W43/W44': [11, 3, 0, 0],
  F38: [10, 3, 0, 0],
  F39: [10, 1, 0, 0],
  F40: [10, 5, 0, 0],
  unrestricted_security_group_ingress: [4, 2, 0, 2],
  'fully_open_ingress (predicate)': [6, 6, 6, 0],
  fully_open_ingress: [6, 0, 0, 6],
  security_groups_allows_unrestricted_outbound_traffic: [4, 2, 0, 0],
  security_group_egress_cidr_open_to_world: [4, 0, 0, 4],
  iam_policies_with_full_privileges: [4, 4, 0, 0],
  iam_policy_grants_full_permissions: [5, 4, 2, 0],
};

/** Data rows of the markdown table under `## heading`. */
function docTable(heading: string): string[][] {
  const lines = DOC.split('\n');
  const start = lines.indexOf(`## ${heading}`);
  assert.ok(start >= 0, `docs/agreement.md has no "## ${heading}"`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('## ')) break;
    if (line.startsWith('|')) rows.push(line.slice(1, line.lastIndexOf('|')).split(' | ').map((c) => c.trim().replace(/^`|`$/g, '')));
  }
  return rows.slice(2);
}

describe('agreement with KICS and cfn_nag labeled fixtures', { skip: existsSync(join(CORPUS, '_labels')) ? false : `labeled corpus not found at ${CORPUS}` }, () => {
  let rows: Row[];
  before(() => {
    rows = measureAgreement();
  });

  it('measures exactly the pinned counts', () => {
    const measured = Object.fromEntries(rows.map((r) => [r.comparison.id, [r.files.filter((f) => f.skipped === undefined).length, r.tp, r.fp, r.fn]]));
    assert.deepEqual(measured, EXPECTED);
    assert.ok(rows.every((r) => r.files.every((f) => f.skipped === undefined)), 'no labeled fixture is skipped');
  });

  it('docs/agreement.md shows the same summary', () => {
    const documented = Object.fromEntries(docTable('Summary').map((c) => [c[0], c.slice(4, 8).map(Number)]));
    assert.deepEqual(documented, EXPECTED);
  });

  it('every disagreement is explained in docs/agreement.md, and every explained one still happens', () => {
    const measured: string[] = [];
    for (const row of rows) {
      for (const f of row.files) {
        for (const id of f.fp) measured.push(`${row.comparison.id} | ${shortPath(f.file)} | FP | ${id}`);
        for (const id of f.fn) measured.push(`${row.comparison.id} | ${shortPath(f.file)} | FN | ${id}`);
      }
    }
    const documented = docTable('Disagreements').map((c) => {
      assert.ok((c[4] ?? '').length > 20, `no explanation for ${c.slice(0, 4).join(' | ')}`);
      return c.slice(0, 4).map((x) => x.replace(/`/g, '')).join(' | ');
    });
    assert.deepEqual([...documented].sort(), [...measured].sort());
  });

  it('agrees on the clear cases a reader would check first', () => {
    const file = (id: string, suffix: string) => rows.find((r) => r.comparison.id === id)!.files.find((f) => f.file.endsWith(suffix))!;
    // cfn_nag attributes a standalone ingress to its in-template group; so does the comparison.
    assert.deepEqual(file('W2', 'security_group_open_to_world_on_ingress.json').tp, ['sgOpenIngress', 'sgOpenIngress2']);
    // A standalone rule on a group given by ID (outside the file) is judged through the group's stand-in.
    assert.deepEqual(file('W2', 'standalone_ingress_open_to_world.json').tp, ['securityGroupIngress']);
    // A group without egress gets CloudFormation's allow-all: F1000 and FW203 agree.
    assert.deepEqual(file('F1000', 'two_security_group_two_cidr_ingress.json').tp, ['sg', 'sg2']);
    // Partial wildcards that reach iam:PassRole count, as cfn_nag's F40 says.
    assert.deepEqual(file('F40', 'iam_managed_policy_passrole_resource_wildcard_fail.yml').tp, ['ManagedPolicyFail1', 'ManagedPolicyFail2', 'ManagedPolicyFail3', 'ManagedPolicyFail4', 'ManagedPolicyFail5']);
    assert.deepEqual(file('F38', 'iam_role_passrole_resource_wildcard_pass.yml').fp, [], 'a Deny of PassRole and PassRole on S3 ARNs are not PassRole on every role');
  });
});

describe('KICS line → resource mapping', () => {
  const facts = { spans: [{ logicalId: 'Outer', first: 3, last: 20 }, { logicalId: 'Inner', first: 8, last: 12 }] } as unknown as Facts;
  it('maps a line to the smallest resource declaration that spans it', () => {
    assert.equal(resourceAtLine(facts, 10), 'Inner');
    assert.equal(resourceAtLine(facts, 5), 'Outer');
    assert.equal(resourceAtLine(facts, 2), undefined);
  });
});
