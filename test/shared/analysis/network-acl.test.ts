import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scan } from '../../../src/shared/engine.ts';
import { defaultConfig } from '../../../src/shared/config/index.ts';
import { renderDiffText } from '../../../src/shared/render/diff-text.ts';
import { DIFF_FIXTURES, ROOT, analysisDeps, diffScenario } from '../diff/support.ts';

const head = readFileSync(join(ROOT, DIFF_FIXTURES, 'network-acl', 'head', 'template.yaml'), 'utf8');
const needsOf = (text: string) => scan([{ path: 't.yaml', text }], analysisDeps(), defaultConfig()).posture.services[0]!.needs;

describe('network ACLs (not evaluated)', () => {
  it('the model links a network ACL, its entries and its subnets, whichever comes first', () => {
    const infra = scan([{ path: 't.yaml', text: head }], analysisDeps(), defaultConfig()).posture.infra;
    const acl = infra.networkAcls?.find((a) => a.logicalId === 'PrivateNacl');
    assert.deepEqual(acl?.entries.map((e) => [e.egress.known && e.egress.value, e.ruleNumber.known && e.ruleNumber.value]), [[false, 100], [true, 100]]);
    assert.deepEqual(infra.subnets.filter((s) => s.networkAcl?.kind === 'resource' && s.networkAcl.id === acl?.id).map((s) => s.logicalId).sort(), ['PrivateSubnetA', 'PrivateSubnetB']);
  });

  it('a path through subnets with a restrictive ACL is undecided, and says why', () => {
    const needs = needsOf(head);
    assert.ok(needs.length > 0 && needs.every((n) => n.covered === 'unknown'));
    assert.match(needs[0]!.problems.find((p) => p.kind === 'network-acl')?.detail ?? '', /network ACL PrivateNacl on its subnets is not evaluated/);
  });

  it('an ACL whose first rule each way allows everything changes nothing', () => {
    const open = head
      .replace('RuleNumber: 100, Protocol: 6, RuleAction: allow, Egress: false, CidrBlock: 10.0.0.0/16, PortRange: {From: 8080, To: 8080}', 'RuleNumber: 100, Protocol: -1, RuleAction: allow, Egress: false, CidrBlock: 0.0.0.0/0')
      .replace('RuleNumber: 100, Protocol: 6, RuleAction: allow, Egress: true, CidrBlock: 0.0.0.0/0, PortRange: {From: 443, To: 443}', 'RuleNumber: 100, Protocol: -1, RuleAction: allow, Egress: true, CidrBlock: 0.0.0.0/0');
    assert.notEqual(open, head);
    assert.ok(needsOf(open).every((n) => n.covered === true));
    // A Deny numbered before it makes it undecided again.
    const denied = open.replace('  NaclA:\n', '  DenyFirst:\n    Type: AWS::EC2::NetworkAclEntry\n    Properties: {NetworkAclId: !Ref PrivateNacl, RuleNumber: 50, Protocol: 6, RuleAction: deny, Egress: true, CidrBlock: 0.0.0.0/0, PortRange: {From: 443, To: 443}}\n  NaclA:\n');
    assert.ok(needsOf(denied).every((n) => n.covered === 'unknown'));
    // So does a Deny whose direction the files do not decide.
    const undecided = open.replace('\nResources:\n', '\nParameters:\n  Out: {Type: String}\nResources:\n').replace('  NaclA:\n', '  DenyFirst:\n    Type: AWS::EC2::NetworkAclEntry\n    Properties: {NetworkAclId: !Ref PrivateNacl, RuleNumber: 50, Protocol: -1, RuleAction: deny, Egress: !Ref Out, CidrBlock: 0.0.0.0/0}\n  NaclA:\n');
    assert.match(undecided, /Out: \{Type: String\}/);
    assert.ok(needsOf(undecided).every((n) => n.covered === 'unknown'));
  });

  it('diff: giving the subnets such an ACL is no longer "no change": reaching AWS can no longer be decided, and why', () => {
    const diff = diffScenario('network-acl');
    assert.equal(diff.verdict, 'mixed');
    const s = diff.services[0]!;
    assert.ok(s.needs.uncertain.length > 0);
    assert.match(s.needs.uncertain[0]!.undecidedBecause ?? '', /network ACL PrivateNacl/);
    assert.match(renderDiffText(diff, { color: false }), /can no longer be decided from the files: network ACL PrivateNacl on its subnets is not evaluated/);
  });
});
