// An `Fn::If` on a condition the files do not decide (Env has no default) is one of two known
// values: the adapters read both, and mark what only one outcome has with that outcome.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Infra, SecurityGroupRule } from '../../../../../src/shared/model/index.ts';
import { loadInfra } from '../../../../../src/shared/sources/index.ts';
import { byLogicalId } from './fixtures.ts';

const HEADER = ['Parameters:', '  Env: {Type: String}', 'Conditions:', '  IsProd: !Equals [!Ref Env, prod]', 'Resources:'];

function load(resources: string[], header = HEADER): Infra {
  return loadInfra([{ path: 'undecided.yaml', text: [...header, ...resources, ''].join('\n') }]);
}

function brief(r: SecurityGroupRule): string {
  const peer = r.peer.kind === 'cidr4' || r.peer.kind === 'cidr6' ? r.peer.cidr : r.peer.kind;
  const when = r.when === undefined ? (r.conditional === true ? ' (conditional)' : '') : ` when ${r.when.condition}=${r.when.value}`;
  return `${r.direction} ${r.protocol} ${r.fromPort}-${r.toPort} ${peer}${r.source.explicit ? '' : ' (implicit)'}${when}`;
}

function group(ingress: string, egress = '[{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}]'): string[] {
  return ['  Sg:', '    Type: AWS::EC2::SecurityGroup', '    Properties:', '      GroupDescription: tasks', '      VpcId: vpc-1',
    `      SecurityGroupIngress: ${ingress}`, `      SecurityGroupEgress: ${egress}`];
}

describe('security-group rules under an undecided Fn::If', () => {
  it('a CidrIp that differs by outcome is a rule per outcome', () => {
    const sg = byLogicalId(load(group('[{IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: !If [IsProd, 10.0.0.0/16, 0.0.0.0/0]}]')).securityGroups, 'Sg');
    assert.deepEqual(sg.rules.filter((r) => r.direction === 'ingress').map(brief), [
      'ingress tcp 8080-8080 10.0.0.0/16 when IsProd=true',
      'ingress tcp 8080-8080 0.0.0.0/0 when IsProd=false',
    ]);
    assert.ok(sg.rules.every((r) => r.direction === 'egress' || r.conditional === true));
  });

  it('an item that is AWS::NoValue under one outcome is a rule under the other; rules either outcome has stay as written', () => {
    const items = '[{IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: 10.0.0.0/16}, !If [IsProd, !Ref AWS::NoValue, {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}]]';
    const sg = byLogicalId(load(group(items)).securityGroups, 'Sg');
    assert.deepEqual(sg.rules.map(brief), ['ingress tcp 8080-8080 10.0.0.0/16', 'ingress tcp 22-22 0.0.0.0/0 when IsProd=false', 'egress tcp 443-443 0.0.0.0/0']);
    const both = byLogicalId(load(group('[!If [IsProd, {IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 10.0.0.0/8, Description: a}, {IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 10.0.0.0/8, Description: b}]]')).securityGroups, 'Sg');
    assert.deepEqual(both.rules.filter((r) => r.direction === 'ingress').map(brief), ['ingress tcp 80-80 10.0.0.0/8']);
  });

  it('an egress list under Fn::If: the outcome that declares none keeps CloudFormation\'s allow-all default', () => {
    const sg = byLogicalId(load(group('[]', '!If [IsProd, [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}], !Ref AWS::NoValue]')).securityGroups, 'Sg');
    assert.equal(sg.implicitEgress, false);
    assert.deepEqual(sg.rules.map(brief), ['egress tcp 443-443 0.0.0.0/0 when IsProd=true', 'egress all 0-65535 0.0.0.0/0 (implicit) when IsProd=false']);
  });

  it('a value EC2 refuses, which both outcomes share, is reported once', () => {
    const items = '[{IpProtocol: tcp, FromPort: 90, ToPort: 80, CidrIp: 10.0.0.0/8}, !If [IsProd, !Ref AWS::NoValue, {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}]]';
    const infra = load(group(items));
    assert.equal(infra.errors.filter((e) => /FromPort 90 is greater than ToPort 80/.test(e.message)).length, 1);
  });

  it('a standalone rule resource with a CidrIp under Fn::If', () => {
    const infra = load([...group('[]'),
      '  Open:', '    Type: AWS::EC2::SecurityGroupIngress',
      '    Properties: {GroupId: !Ref Sg, IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: !If [IsProd, 10.0.0.0/16, 0.0.0.0/0]}']);
    const sg = byLogicalId(infra.securityGroups, 'Sg');
    assert.deepEqual(sg.rules.filter((r) => r.standaloneId !== undefined).map(brief), [
      'ingress tcp 8080-8080 10.0.0.0/16 when IsProd=true',
      'ingress tcp 8080-8080 0.0.0.0/0 when IsProd=false',
    ]);
  });

  it('a condition the files decide (a default) keeps only its branch, as written', () => {
    const decided = ['Parameters:', '  Env: {Type: String, Default: prod}', ...HEADER.slice(2)];
    const sg = byLogicalId(load(group('[{IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: !If [IsProd, 10.0.0.0/16, 0.0.0.0/0]}]'), decided).securityGroups, 'Sg');
    assert.deepEqual(sg.rules.map(brief), ['ingress tcp 8080-8080 10.0.0.0/16', 'egress tcp 443-443 0.0.0.0/0']);
  });
});

describe('IAM under an undecided Fn::If', () => {
  const role = (props: string[]): string[] => ['  Role:', '    Type: AWS::IAM::Role', '    Properties:',
    '      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ecs-tasks.amazonaws.com}, Action: sts:AssumeRole}]}', ...props];

  it('ManagedPolicyArns: a policy only one outcome names is attached only under it', () => {
    const infra = load(role(['      ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess, !If [IsProd, !Ref AWS::NoValue, arn:aws:iam::aws:policy/AdministratorAccess]]']));
    assert.deepEqual(byLogicalId(infra.roles, 'Role').managedPolicies.map((r) => [r.kind === 'external' ? r.value : r.kind, r.when]), [
      ['arn:aws:iam::aws:policy/ReadOnlyAccess', undefined],
      ['arn:aws:iam::aws:policy/AdministratorAccess', { condition: 'IsProd', value: false }],
    ]);
  });

  it('a whole Statement list under Fn::If: what both outcomes have stays as written', () => {
    const statement = (actions: string): string => `{Effect: Allow, Action: [${actions}], Resource: 'arn:aws:s3:::b/*'}`;
    const infra = load(role(['      Policies:', '        - PolicyName: app',
      `          PolicyDocument: {Statement: !If [IsProd, [${statement('s3:GetObject')}], [${statement('s3:GetObject, s3:DeleteObject')}]]}`]));
    const doc = byLogicalId(infra.roles, 'Role').inlinePolicies[0]!;
    assert.equal(doc.unknown, undefined);
    assert.deepEqual(doc.statements.map((s) => [s.actions?.map((a) => (a.known ? a.value : '?')), s.condition]), [
      [['s3:GetObject'], undefined],
      [['s3:DeleteObject'], '{"CloudFormation::Condition":{"IsProd":false}}'],
    ]);
  });
});

describe('AssignPublicIp under an undecided Fn::If', () => {
  const service = (network: string): string[] => ['  Service:', '    Type: AWS::ECS::Service',
    `    Properties: {LaunchType: FARGATE, TaskDefinition: td-arn, NetworkConfiguration: ${network}}`];

  it('is unknown, with the setting of each outcome (AWS::NoValue: the default, DISABLED)', () => {
    const ip = (network: string) => byLogicalId(load(service(network)).services, 'Service').assignPublicIp;
    const onValue = ip('{AwsvpcConfiguration: {Subnets: [subnet-1], AssignPublicIp: !If [IsProd, !Ref AWS::NoValue, ENABLED]}}');
    assert.equal(onValue.known, false);
    assert.deepEqual(!onValue.known && onValue.choice, { on: 'IsProd', outcomes: [{ key: true, value: false }, { key: false, value: true }] });
    const onBlock = ip('!If [IsProd, {AwsvpcConfiguration: {Subnets: [subnet-1]}}, {AwsvpcConfiguration: {Subnets: [subnet-1], AssignPublicIp: ENABLED}}]');
    assert.deepEqual(!onBlock.known && onBlock.choice, { on: 'IsProd', outcomes: [{ key: true, value: false }, { key: false, value: true }] });
    const unreadable = ip('{AwsvpcConfiguration: {Subnets: [subnet-1], AssignPublicIp: !If [IsProd, !Ref Other, ENABLED]}}');
    assert.deepEqual(!unreadable.known && unreadable.choice, undefined);
  });
});

describe('TaskRoleArn under an undecided Fn::If', () => {
  const roles = ['A', 'B'].flatMap((r) => [`  Role${r}:`, '    Type: AWS::IAM::Role',
    '    Properties: {AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ecs-tasks.amazonaws.com}, Action: sts:AssumeRole}]}}']);
  const td = (arn: string) => byLogicalId(load([...roles, '  Td:', '    Type: AWS::ECS::TaskDefinition',
    `    Properties: {NetworkMode: awsvpc, TaskRoleArn: ${arn}, ContainerDefinitions: [{Name: app, Image: nginx}]}`]).taskDefinitions, 'Td');

  it('is unknown, with the role each outcome names (none for AWS::NoValue)', () => {
    const both = td('!If [IsProd, !GetAtt RoleA.Arn, !GetAtt RoleB.Arn]');
    assert.equal(both.taskRole?.kind, 'unknown');
    assert.deepEqual(both.taskRoleChoices?.map((c) => [c.role.kind === 'resource' ? c.role.id : c.role.kind, c.when]), [
      ['undecided.yaml#RoleA', { condition: 'IsProd', value: true }],
      ['undecided.yaml#RoleB', { condition: 'IsProd', value: false }],
    ]);
    const one = td('!If [IsProd, !Ref AWS::NoValue, !GetAtt RoleB.Arn]');
    assert.deepEqual(one.taskRoleChoices?.map((c) => c.when.value), [false]);
    assert.equal(td('!GetAtt RoleA.Arn').taskRoleChoices, undefined);
  });
});
