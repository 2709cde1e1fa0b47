import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SecurityGroupRule } from '../../../../../src/shared/model/index.ts';
import { loadInfra } from '../../../../../src/shared/sources/index.ts';
import { byLogicalId, fixtureText, lineOf, load, target } from './fixtures.ts';

const FILE = 'security-groups.yaml';
const infra = load(FILE);

function brief(r: SecurityGroupRule): string {
  const peer = r.peer.kind === 'cidr4' || r.peer.kind === 'cidr6' ? r.peer.cidr
    : r.peer.kind === 'sg' ? `sg:${target(r.peer.group)}`
      : r.peer.kind === 'prefixList' ? `pl:${target(r.peer.prefixList)}` : `?${r.peer.reason}`;
  return `${r.direction} ${r.protocol} ${r.fromPort}-${r.toPort}${r.portsKnown ? '' : '?'} ${peer}${r.source.explicit ? '' : ' (implicit)'}${r.standaloneId !== undefined ? ' [standalone]' : ''}`;
}

test('no declared egress: CloudFormation adds allow-all egress', () => {
  const sg = byLogicalId(infra.securityGroups, 'NoEgress');
  assert.equal(sg.implicitEgress, true);
  assert.deepEqual(sg.rules.map(brief), [
    'ingress tcp 443-443 0.0.0.0/0',
    'ingress all 0-65535 sg:Explicit',
    'ingress tcp 8000-8100 ::/0',
    'ingress icmp 0-65535 10.0.0.0/8',
    'ingress udp 53-53 pl:ext:pl-0123',
    'egress all 0-65535 0.0.0.0/0 (implicit)',
  ]);
  const implicit = sg.rules[5];
  assert.equal(implicit.source.line, lineOf(FILE, '  NoEgress:'));
  assert.equal(implicit.range, undefined);
  assert.equal(sg.rules[0].description, 'https');
  assert.equal(target(sg.vpc), 'ext:vpc-0abc');
});

test('rules keep the text range of their list item', () => {
  const sg = byLogicalId(infra.securityGroups, 'NoEgress');
  const first = sg.rules[0];
  assert.ok(first.range);
  const text = fixtureText(FILE).slice(first.range.start, first.range.end);
  assert.match(text, /IpProtocol: tcp[\s\S]*Description: https/);
  assert.equal(first.source.line, lineOf(FILE, '- IpProtocol: tcp'));
  assert.equal(first.source.path, 'Resources.NoEgress.Properties.SecurityGroupIngress[0]');
});

test('an empty egress list keeps the default, standalone egress adds to it', () => {
  const sg = byLogicalId(infra.securityGroups, 'EmptyEgress');
  assert.equal(sg.implicitEgress, true);
  assert.deepEqual(sg.rules.map(brief), ['egress all 0-65535 0.0.0.0/0 (implicit)', 'egress tcp 443-443 0.0.0.0/0 [standalone]']);
  const standalone = sg.rules[1];
  assert.equal(standalone.standaloneId, 'security-groups.yaml#ExtraEgress');
  assert.equal(standalone.source.line, lineOf(FILE, '  ExtraEgress:'));
  assert.ok(standalone.range);
  assert.match(fixtureText(FILE).slice(standalone.range.start, standalone.range.end), /ExtraEgress/);
});

test('explicit egress replaces the default; standalone ingress merges', () => {
  const sg = byLogicalId(infra.securityGroups, 'Explicit');
  assert.equal(sg.implicitEgress, false);
  assert.equal(sg.groupName, 'explicit');
  assert.deepEqual(sg.rules.map(brief), [
    'egress tcp 443-443 pl:ext:pl-s3',
    'egress all 0-65535 sg:NoEgress',
    'ingress tcp 5432-5432 sg:NoEgress [standalone]',
  ]);
});

test('a standalone rule for a group outside the files goes to a stand-in for that group', () => {
  const sg = infra.securityGroups.find((g) => g.id === 'sg-0fedcba');
  assert.ok(sg, 'one stand-in, whose id is the group id the rule names');
  assert.equal(sg.external, true);
  assert.equal(sg.logicalId, 'sg-0fedcba');
  assert.equal(sg.implicitEgress, false, 'its own egress is not known, so none is assumed');
  assert.deepEqual(sg.rules.map(brief), ['ingress tcp 22-22 0.0.0.0/0 [standalone]']);
  assert.equal(sg.rules[0]!.source.line, lineOf(FILE, '  ExternalIngress:'));
  assert.equal(sg.source.explicit, false, 'the group is not declared here');
  assert.equal(infra.unresolved.find((x) => x.path === 'Resources.ExternalIngress'), undefined, 'the rule is attached, not left over');
  assert.ok(infra.resources.some((r) => r.logicalId === 'ExternalIngress' && r.type === 'AWS::EC2::SecurityGroupIngress'));
  assert.equal(infra.resources.some((r) => r.id === 'sg-0fedcba'), false, 'the stand-in is not a declared resource');
});

test('isDefault is never set by the adapter', () => {
  assert.ok(infra.securityGroups.every((g) => g.isDefault === undefined));
});

test('ports and CIDRs EC2 does not accept are errors at their line, and read as unknown rather than guessed', () => {
  const text = `Resources:
  TaskSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: tasks
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 8080, ToPort: 80, CidrIp: 10.0.0.0/8}
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/33}
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 300.1.2.3/16}
        - {IpProtocol: tcp, FromPort: 70000, ToPort: 70001, CidrIpv6: '::/0'}
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIpv6: 10.0.0.0/8}
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: !Sub '\${AWS::Region}/16'}
        - {IpProtocol: tcp, FromPort: 80, ToPort: 443, CidrIp: 10.0.0.1}
  LooseRule:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: {GroupId: !Ref TaskSg, IpProtocol: udp, FromPort: 53, ToPort: 52, CidrIp: 10.0.0.0/8}
`;
  const infra = loadInfra([{ path: 'bad-rules.yaml', text }]);
  const lines = text.split('\n');
  const at = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
  assert.deepEqual(infra.errors.map((e) => [e.line, e.message.replace(/, which EC2 does not accept.*/, '')]), [
    [at('ToPort: 80,'), 'TaskSg: FromPort 8080 is greater than ToPort 80'],
    [at('/33'), "TaskSg: CidrIp '10.0.0.0/33' is not an IPv4 CIDR"],
    [at('300.1'), "TaskSg: CidrIp '300.1.2.3/16' is not an IPv4 CIDR"],
    [at('70000'), 'TaskSg: FromPort 70000 is not a port (0-65535, or -1 for all)'],
    [at('CidrIpv6: 10.0'), "TaskSg: CidrIpv6 '10.0.0.0/8' is not an IPv6 CIDR"],
    [at('LooseRule:') + 2, 'LooseRule: FromPort 53 is greater than ToPort 52'],
  ]);
  assert.match(infra.errors[0]!.message, /which EC2 does not accept \(the stack would fail to deploy\); the value is read as unknown\.$/);
  assert.deepEqual(byLogicalId(infra.securityGroups, 'TaskSg').rules.map(brief), [
    'ingress tcp 0-65535? 10.0.0.0/8',
    "ingress tcp 443-443 ?CidrIp '10.0.0.0/33' is not an IPv4 CIDR",
    "ingress tcp 443-443 ?CidrIp '300.1.2.3/16' is not an IPv4 CIDR",
    'ingress tcp 0-65535? ::/0',
    "ingress tcp 22-22 ?CidrIpv6 '10.0.0.0/8' is not an IPv6 CIDR",
    'ingress tcp 443-443 ${AWS::Region}/16',
    'ingress tcp 80-443 10.0.0.1',
    'egress all 0-65535 0.0.0.0/0 (implicit)',
    'ingress udp 0-65535? 10.0.0.0/8 [standalone]',
  ]);
});

test("CDK's \"Disallow all traffic\" placeholder (allowAllOutbound: false) is no egress at all, not a rule", () => {
  const text = `Resources:
  Locked:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: locked
      SecurityGroupEgress:
        - { CidrIp: 255.255.255.255/32, Description: Disallow all traffic, FromPort: 252, IpProtocol: icmp, ToPort: 86 }
  WithStandalone:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: locked, then one rule added by connections
      SecurityGroupEgress:
        - { CidrIp: 255.255.255.255/32, Description: Disallow all traffic, FromPort: 252, IpProtocol: '1', ToPort: 86 }
  ToDb:
    Type: AWS::EC2::SecurityGroupEgress
    Properties: { GroupId: !GetAtt WithStandalone.GroupId, IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 10.0.0.0/16 }
  OtherIcmp:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: a real ICMP rule stays
      SecurityGroupEgress:
        - { CidrIp: 10.0.0.0/8, FromPort: 8, IpProtocol: icmp, ToPort: 0 }
`;
  const loaded = loadInfra([{ path: 'cdk-locked.yaml', text }]);
  assert.deepEqual(loaded.errors, []);
  const locked = byLogicalId(loaded.securityGroups, 'Locked');
  assert.equal(locked.implicitEgress, false);
  assert.deepEqual(locked.rules.map(brief), []);
  const withStandalone = byLogicalId(loaded.securityGroups, 'WithStandalone');
  assert.equal(withStandalone.implicitEgress, false);
  assert.deepEqual(withStandalone.rules.map(brief), ['egress tcp 5432-5432 10.0.0.0/16 [standalone]']);
  assert.deepEqual(byLogicalId(loaded.securityGroups, 'OtherIcmp').rules.map(brief), ['egress icmp 8-8 10.0.0.0/8']);
});

test('a standalone rule naming its group by GroupName (default VPC) joins the scanned group of that name', () => {
  const text = `Resources:
  TaskSg:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: task, GroupName: app-sg }
  VpcSg:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: other VPC, GroupName: vpc-sg, VpcId: vpc-0abc }
  OpenSsh:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: { GroupName: app-sg, IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }
  ByRef:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: { GroupName: !Ref TaskSg, IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 10.0.0.0/8 }
  NotInDefaultVpc:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: { GroupName: vpc-sg, IpProtocol: tcp, FromPort: 23, ToPort: 23, CidrIp: 0.0.0.0/0 }
`;
  const loaded = loadInfra([{ path: 'default-vpc.yaml', text }]);
  assert.deepEqual(byLogicalId(loaded.securityGroups, 'TaskSg').rules.map(brief), [
    'egress all 0-65535 0.0.0.0/0 (implicit)',
    'ingress tcp 22-22 0.0.0.0/0 [standalone]',
    'ingress tcp 80-80 10.0.0.0/8 [standalone]',
  ]);
  // A group with a VpcId cannot be named by GroupName: the rule goes to the default VPC's group of that name, not in the files.
  assert.deepEqual(byLogicalId(loaded.securityGroups, 'VpcSg').rules.map(brief), ['egress all 0-65535 0.0.0.0/0 (implicit)']);
});
