import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits } from '../../../src/shared/fixes/apply.ts';
import { verifyFixes } from '../../../src/shared/fixes/verify.ts';
import type { ScanResult } from '../../../src/shared/engine.ts';
import type { SourceFile } from '../../../src/shared/sources/types.ts';
import { CASES } from './cases.ts';
import { referencedIds, resourcesMap, templateDoc } from '../../../src/shared/fixes/doc.ts';
import { fixDeclinedReason } from '../../../src/shared/rules/types.ts';
import { config, deps, findingOf, fixture, FIXES, ROOT, scanFiles } from './support.ts';

/**
 * Per fix, a table: a hand-written template (YAML and its JSON twin) → the exact text after the
 * fix, and the re-analysis: the finding is gone and nothing as severe appears (verifyFixes keeps
 * the fix). Expected outputs live in test/fixtures/fixes/expected/.
 */

const scans = new Map<string, { file: SourceFile; result: ScanResult; verified: ReturnType<typeof verifyFixes> }>();

function scanned(name: string): { file: SourceFile; result: ScanResult; verified: ReturnType<typeof verifyFixes> } {
  let entry = scans.get(name);
  if (entry === undefined) {
    const file = fixture(`test/fixtures/fixes/${name}`);
    const result = scanFiles([file]);
    entry = { file, result, verified: verifyFixes([file], result, deps(), config) };
    scans.set(name, entry);
  }
  return entry;
}

describe('fixes produced by the rules', () => {
  for (const c of CASES) {
    it(`${c.rule} on ${c.resource} in ${c.file}`, () => {
      const { file, result, verified } = scanned(c.file);
      const finding = findingOf(result, c.rule, c.resource);
      assert.ok(finding.fix !== undefined, `${c.rule} offers a fix`);
      const out = applyEdits(new Map([[file.path, file.text]]), finding.fix.edits);
      assert.deepEqual(out.rejected, []);
      const expected = readFileSync(join(FIXES, 'expected', c.expected), 'utf8');
      assert.equal(out.files.get(file.path), expected);
      assert.ok(finding.fix.title.length > 0 && finding.fix.explanation.length > 0);

      // Re-analysis: kept by verification, and the fixed text really no longer has the finding.
      const dropped = verified.dropped.filter((d) => d.finding === finding);
      assert.deepEqual(dropped.map((d) => d.reason), []);
      assert.ok(verified.fixes.some((v) => v.finding === finding));
      const after = scanFiles([{ path: file.path, text: expected }]);
      assert.ok(!after.findings.some((f) => f.ruleId === c.rule && f.resource === c.resource && f.message === finding.message));
      assert.deepEqual(after.errors, result.errors);
    });
  }

  it('FW303 on an endpoint with private DNS on, in a VPC without DNS hostnames: turns them on in the VPC only', () => {
    const file = fixture('test/fixtures/scenarios/ecr-lockdown-vpc-dns-hostnames.yaml');
    const result = scanFiles([file]);
    const finding = findingOf(result, 'FW303', 'EcrApiEndpoint');
    assert.match(finding.message, /enables private DNS, but its VPC Vpc has EnableDnsHostnames not set/);
    assert.ok(finding.fix !== undefined);
    const out = applyEdits(new Map([[file.path, file.text]]), finding.fix.edits);
    assert.deepEqual(out.rejected, []);
    const expected = file.text.replace('      EnableDnsSupport: true\n', '      EnableDnsSupport: true\n      EnableDnsHostnames: true\n');
    assert.equal(out.files.get(file.path), expected, 'one line added in the VPC, the endpoint left as it is');
    const verified = verifyFixes([file], result, deps(), config);
    assert.ok(verified.fixes.some((v) => v.finding === finding));
    assert.deepEqual(scanFiles([{ path: file.path, text: expected }]).findings, [], 'the lock-down is then complete');
  });

  it('every rule that declares itself fixable has a case here', () => {
    const covered = new Set(CASES.map((c) => c.rule));
    for (const id of ['FW103', 'FW106', 'FW107', 'FW108', 'FW201', 'FW202', 'FW203', 'FW301', 'FW302', 'FW303', 'FW304', 'FW305', 'FW306']) {
      assert.ok(covered.has(id), id);
    }
  });
});

describe('FW203 does not add a rule the group already has (EC2 refuses a duplicate rule and the deployment fails)', () => {
  const base = readFileSync(join(FIXES, 'public-alb.yaml'), 'utf8');
  const fixed = (name: string, text: string): string => {
    const file = { path: name, text };
    const result = scanFiles([file]);
    const finding = findingOf(result, 'FW203', 'TaskSg');
    assert.ok(finding.fix !== undefined, 'FW203 offers a fix');
    const verified = verifyFixes([file], result, deps(), config);
    assert.deepEqual(verified.dropped.filter((d) => d.finding === finding).map((d) => d.reason), []);
    const out = applyEdits(new Map([[name, text]]), finding.fix.edits);
    assert.deepEqual(out.rejected, []);
    return out.files.get(name) as string;
  };

  it('a standalone AWS::EC2::SecurityGroupEgress to the database already allows 5432: no second one', () => {
    const text = `${base}
  TaskToDb:
    Type: AWS::EC2::SecurityGroupEgress
    Properties:
      GroupId: !GetAtt TaskSg.GroupId
      IpProtocol: tcp
      FromPort: 5432
      ToPort: 5432
      DestinationSecurityGroupId: !GetAtt DbSg.GroupId
`;
    const out = fixed('standalone-db.yaml', text);
    assert.equal(out.match(/FromPort: 5432/g)?.length, 2, 'the DbSg ingress rule and the existing egress resource only');
    assert.ok(!out.includes('TaskSgEgressToDbSg'));
    assert.match(out, /SecurityGroupEgress:\n {6}- IpProtocol: tcp\n {8}FromPort: 443\n/);
  });

  it('an inline rule that stays names the database as !Ref, the plan as !GetAtt: the same rule, written once', () => {
    const text = base.replace('      Tags: [{ Key: team, Value: web }]', [
      '      SecurityGroupEgress:',
      '      - IpProtocol: "-1"',
      '        CidrIp: 0.0.0.0/0',
      '      - IpProtocol: "6"',
      '        FromPort: 5432',
      '        ToPort: 5432',
      '        DestinationSecurityGroupId: !Ref DbSg',
      '      Tags: [{ Key: team, Value: web }]',
    ].join('\n'));
    assert.ok(text.includes('!Ref DbSg'));
    const out = fixed('inline-db.yaml', text);
    assert.equal(out.match(/FromPort: 5432/g)?.length, 2, 'the DbSg ingress rule and the kept egress rule only');
    assert.ok(!out.includes('TaskSgEgressToDbSg'));
    assert.ok(!out.includes('IpProtocol: "-1"'));
  });
});

describe('FW202 does not add an ingress rule the group already has (EC2 refuses a duplicate rule and the deployment fails)', () => {
  const base = readFileSync(join(FIXES, 'public-alb.yaml'), 'utf8');
  const fromAlb = `
  TaskFromAlb:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref TaskSg
      IpProtocol: tcp
      FromPort: 8080
      ToPort: 8080
      SourceSecurityGroupId: !Ref AlbSg
`;
  const fixed = (name: string, text: string): string => {
    const file = { path: name, text };
    const result = scanFiles([file]);
    const finding = findingOf(result, 'FW202', 'TaskSg');
    assert.ok(finding.fix !== undefined, 'FW202 offers a fix');
    const verified = verifyFixes([file], result, deps(), config);
    assert.deepEqual(verified.dropped.filter((d) => d.finding === finding).map((d) => d.reason), []);
    const out = applyEdits(new Map([[name, text]]), finding.fix.edits);
    assert.deepEqual(out.rejected, []);
    return out.files.get(name) as string;
  };

  it('a standalone rule already admits the load balancer: the world rule goes, and the list with it', () => {
    const out = fixed('standalone-alb.yaml', `${base}${fromAlb}`);
    const worldRule = '      SecurityGroupIngress:\n      - Description: "app port, open while we debugged the health check"\n        IpProtocol: tcp\n        FromPort: 8080\n        ToPort: 8080\n        CidrIp: "0.0.0.0/0"   # TODO: tighten\n';
    assert.ok(base.includes(worldRule));
    assert.equal(out, `${base.replace(worldRule, '')}${fromAlb}`);
  });

  it('an inline rule already admits the load balancer (as !Ref): only the world rule goes', () => {
    const text = base.replace('      - Description: "app port', '      - { IpProtocol: tcp, FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: !Ref AlbSg }\n      - Description: "app port');
    const out = fixed('inline-alb.yaml', text);
    assert.ok(!out.includes('0.0.0.0/0"   # TODO'));
    assert.ok(!out.includes('AlbSg.GroupId   # TODO'), 'no second rule from the load balancer');
    assert.ok(out.includes('SourceSecurityGroupId: !Ref AlbSg }'));
  });

  it('a standalone world rule that would become a rule the group has: declined, with what to do', () => {
    const text = `${base.replace('CidrIp: "0.0.0.0/0"   # TODO: tighten', 'SourceSecurityGroupId: !GetAtt AlbSg.GroupId')}
  TaskFromAnywhere:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref TaskSg
      IpProtocol: tcp
      FromPort: 8080
      ToPort: 8080
      CidrIp: 0.0.0.0/0
`;
    const finding = findingOf(scanFiles([{ path: 'standalone-world.yaml', text }]), 'FW202', 'TaskFromAnywhere');
    assert.equal(finding.fix, undefined);
    assert.match(fixDeclinedReason(finding) ?? '', /already admits the load balancer on these ports: delete TaskFromAnywhere by hand/);
  });
});

describe('rules decline to fix when something is unknown or the fix would be wrong', () => {
  const declines: [file: string, rule: string, resource: string, why: string][] = [
    ['test/fixtures/fixes/public-alb.yaml', 'FW201', 'Service', 'the subnets route to an internet gateway: tasks need their public IP'],
    ['test/fixtures/scenarios/ecr-lockdown-no-prefix-list.yaml', 'FW305', 'TaskSecurityGroup', 'no pl- ID for the S3 prefix list anywhere in the template'],
    ['test/fixtures/scenarios/ecr-lockdown-missing-s3.yaml', 'FW301', 'Service', 'the task egress would not reach an S3 gateway endpoint (no known prefix list)'],
    ['test/fixtures/scenarios/pitfall1-nat-removed.yaml', 'FW203', 'TaskSecurityGroup', 'S3 goes through a gateway endpoint and the prefix list ID is unknown'],
    ['test/fixtures/cfn/garbage.yaml', 'FW201', 'Service', 'the subnets are not readable, so nothing proves a private path'],
    ['test/fixtures/diff/task-egress-blocked/head/template.yaml', 'FW305', 'TaskSecurityGroup', 'no TCP 443 egress anywhere and the subnets unknown: which destination to open depends on the path they take'],
  ];
  for (const [file, rule, resource, why] of declines) {
    it(`${rule} on ${resource} in ${file}: ${why}`, () => {
      const finding = findingOf(scanFiles([fixture(file)]), rule, resource);
      assert.equal(finding.fix, undefined);
    });
  }

  it('FW203 says why it writes no egress: what it cannot reference, what the files do not decide, custom DNS', () => {
    const noPrefixList = findingOf(scanFiles([fixture('test/fixtures/scenarios/pitfall1-nat-removed.yaml')]), 'FW203', 'TaskSecurityGroup');
    assert.equal(noPrefixList.fix, undefined);
    assert.match(fixDeclinedReason(noPrefixList) ?? '', /holds no s3 prefix list ID \(pl-…\) for a rule towards gateway endpoint S3GatewayEndpoint: narrow TaskSecurityGroup's egress by hand$/);
    const text = readFileSync(join(ROOT, 'test/fixtures/scenarios/pitfall1-nat-removed.yaml'), 'utf8');
    const dns = `${text.trimEnd()}\n  Dns:\n    Type: AWS::EC2::DHCPOptions\n    Properties: {DomainNameServers: [10.0.0.2]}\n`;
    const withDns = findingOf(scanFiles([{ path: 'dns.yaml', text: dns }]), 'FW203', 'TaskSecurityGroup');
    assert.equal(withDns.fix, undefined);
    assert.match(fixDeclinedReason(withDns) ?? '', /DHCP options, whose DNS servers the tasks may reach through TaskSecurityGroup's egress/);
  });

  it('FW107 says why it grants nothing for a secret referenced through an intrinsic it cannot turn into an ARN', () => {
    const text = readFileSync(join(FIXES, 'iam.yaml'), 'utf8').replace('ValueFrom: !Ref DbSecret', 'ValueFrom: !Join ["", [!Ref DbSecret, ":password::"]]');
    assert.ok(text.includes('!Join'));
    const finding = findingOf(scanFiles([{ path: 'joined.yaml', text }]), 'FW107', 'WorkerExecutionRole');
    assert.equal(finding.fix, undefined);
    assert.match(fixDeclinedReason(finding) ?? '', /^the secret DB_PASSWORD is referenced in a way that names no ARN .*: grant secretsmanager:GetSecretValue on it to WorkerExecutionRole by hand$/);
  });

  it('FW201 declines in subnets that route to an internet gateway, even with every AWS service covered by an endpoint', () => {
    const finding = findingOf(scanFiles([fixture('test/fixtures/fixes/igw-endpoints.yaml')]), 'FW201', 'Service');
    assert.equal(finding.fix, undefined);
    assert.match(fixDeclinedReason(finding) ?? '', /^subnets PrivateSubnetA, PrivateSubnetB send internet traffic to an internet gateway, which only tasks with a public IP can use/);
  });

  it('FW107 leaves the managed policies alone when they are not written as a literal list', () => {
    const computed = readFileSync(join(FIXES, 'execution-role.yaml'), 'utf8').replace(
      "ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess   # parameters the team reads by hand",
      "ManagedPolicyArns: !Split [',', 'arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess']",
    );
    assert.ok(computed.includes('!Split'));
    const finding = findingOf(scanFiles([{ path: 'computed.yaml', text: computed }]), 'FW107', 'ListedExecutionRole');
    assert.equal(finding.fix, undefined);
  });

  it('FW202 leaves a security group alone when the load balancer itself uses it', () => {
    const shared = readFileSync(join(FIXES, 'public-alb.yaml'), 'utf8')
      .replace('SecurityGroups: [!GetAtt AlbSg.GroupId]', 'SecurityGroups: [!GetAtt TaskSg.GroupId]');
    const finding = findingOf(scanFiles([{ path: 'shared-sg.yaml', text: shared }]), 'FW202', 'TaskSg');
    assert.equal(finding.fix, undefined);
  });

  it('FW202 declines when other tasks may call the service directly (Cloud Map, Service Connect), not through the load balancer', () => {
    const base = readFileSync(join(FIXES, 'public-alb.yaml'), 'utf8');
    const loadBalancers = '      - { ContainerName: web, ContainerPort: 8080, TargetGroupArn: !Ref TargetGroup }\n';
    assert.ok(base.includes(loadBalancers));
    const variants: [name: string, property: string, why: RegExp][] = [
      ['cloud-map.yaml', '      ServiceRegistries:\n      - RegistryArn: arn:aws:servicediscovery:eu-west-1:111122223333:service/srv-abc\n', /registers its tasks in Cloud Map/],
      ['service-connect.yaml', '      ServiceConnectConfiguration:\n        Enabled: true\n        Namespace: internal\n        Services: [{ PortName: web, ClientAliases: [{ Port: 8080 }] }]\n', /serves through Service Connect/],
    ];
    for (const [name, property, why] of variants) {
      const finding = findingOf(scanFiles([{ path: name, text: base.replace(loadBalancers, loadBalancers + property) }]), 'FW202', 'TaskSg');
      assert.equal(finding.fix, undefined, name);
      assert.match(fixDeclinedReason(finding) ?? '', why, name);
    }
    // A Service Connect client only (no Services) is not called through it: the fix stays.
    const clientOnly = base.replace(loadBalancers, `${loadBalancers}      ServiceConnectConfiguration: { Enabled: true, Namespace: internal }\n`);
    assert.ok(findingOf(scanFiles([{ path: 'client-only.yaml', text: clientOnly }]), 'FW202', 'TaskSg').fix !== undefined);
  });

  it('no fix on a template CDK synthesized: the next synth would overwrite it (change the CDK code instead)', () => {
    const text = readFileSync(join(FIXES, 'public-alb.yaml'), 'utf8')
      .replace('  TaskSg:\n    Type: AWS::EC2::SecurityGroup\n', '  TaskSg:\n    Type: AWS::EC2::SecurityGroup\n    Metadata: { aws:cdk:path: Web/TaskSg/Resource }\n');
    const result = scanFiles([{ path: 'synth.yaml', text }]);
    assert.equal(findingOf(result, 'FW203', 'TaskSg').fix, undefined);
    assert.equal(findingOf(result, 'FW202', 'TaskSg').fix, undefined);
  });

  it('FW203 declines when the VPC may use its own DNS servers (DHCP options), which egress rules would cut off', () => {
    const text = `${readFileSync(join(FIXES, 'public-alb.yaml'), 'utf8')}
  Dhcp:
    Type: AWS::EC2::DHCPOptions
    Properties: { DomainNameServers: [10.0.0.53] }
`;
    assert.equal(findingOf(scanFiles([{ path: 'dhcp.yaml', text }]), 'FW203', 'TaskSg').fix, undefined);
  });

  describe('YAML anchors and aliases', () => {
    const publicAlb = (): string => readFileSync(join(FIXES, 'public-alb.yaml'), 'utf8');
    /** The fix, kept by verification (the finding gone from the fixed text, nothing as severe new). */
    const verifiedFix = (path: string, text: string, rule: string): void => {
      const file = { path, text };
      const result = scanFiles([file]);
      const finding = findingOf(result, rule, 'TaskSg');
      assert.ok(finding.fix !== undefined, `${rule} offers a fix (${fixDeclinedReason(finding) ?? 'no reason given'})`);
      const verified = verifyFixes([file], result, deps(), config);
      assert.deepEqual(verified.dropped.filter((d) => d.finding === finding).map((d) => d.reason), []);
      assert.ok(verified.fixes.some((v) => v.finding === finding), `${rule} fix verified`);
    };

    it('an anchor no alias names changes nothing: the fixes are offered and verified', () => {
      const text = publicAlb().replace('Tags: [{ Key: team, Value: web }]', 'Tags: &tags [{ Key: team, Value: web }]');
      assert.match(text, /&tags/);
      verifiedFix('unused-anchor.yaml', text, 'FW203');
      verifiedFix('unused-anchor.yaml', text, 'FW202');
    });

    it('an ampersand in a quoted string or a comment is no anchor: the fixes are offered and verified', () => {
      const text = publicAlb()
        .replace('GroupDescription: "storefront tasks"', 'GroupDescription: "storefront &tasks"  # owned by R&D: &web')
        .replace('Tags: [{ Key: team, Value: web }]', "Tags: [{ Key: team, Value: '&web' }]");
      verifiedFix('ampersands.yaml', text, 'FW203');
      verifiedFix('ampersands.yaml', text, 'FW202');
    });

    it('an edit in an anchored node an alias repeats is declined, saying which; an edit elsewhere in the template is not', () => {
      // The ingress list is anchored in TaskSg and repeated by DebugSg: narrowing TaskSg's rule
      // (FW202) would narrow DebugSg's too. Adding TaskSg's egress (FW203: a list in TaskSg after
      // its tags, and a resource after the last one, Service) touches neither.
      const debugSg = '  DebugSg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: "debug"\n      VpcId: !Ref Vpc\n      SecurityGroupIngress: *taskIngress\n\n';
      const text = publicAlb()
        .replace('      SecurityGroupIngress:\n      - Description: "app port', '      SecurityGroupIngress: &taskIngress\n      - Description: "app port')
        .replace('  DbSg:\n', `${debugSg}  DbSg:\n`);
      const result = scanFiles([{ path: 'aliased.yaml', text }]);
      const world = findingOf(result, 'FW202', 'TaskSg');
      assert.equal(world.fix, undefined);
      assert.equal(fixDeclinedReason(world), 'the edit at line 80 would change the YAML node anchored as &taskIngress on line 75, which the alias *taskIngress on line 88 repeats, so the alias would change with it: fix it by hand, or write the aliased value out and run fix again');
      verifiedFix('aliased.yaml', text, 'FW203');
    });

    it('a key to add after an aliased value is declined: the copy has the anchor\'s position, elsewhere in the file', () => {
      // FW106 would add TaskRoleArn after the task definition's ExecutionRoleArn, a copy of an
      // output's value: placed by the copy's position, it would land in Outputs.
      const text = readFileSync(join(FIXES, 'exec-app-policy.yaml'), 'utf8')
        .replace('\nResources:\n', "\nOutputs:\n  ExecutionRoleArn:\n    Value: &execArn { 'Fn::GetAtt': [ExecutionRole, Arn] }\n\nResources:\n")
        .replace('      TaskRoleArn: !GetAtt TaskRole.Arn\n      ExecutionRoleArn: !GetAtt ExecutionRole.Arn\n', '      ExecutionRoleArn: *execArn\n');
      assert.match(text, /Outputs:\n[^]*&execArn[^]*Resources:[^]*ExecutionRoleArn: \*execArn\n/);
      const finding = findingOf(scanFiles([{ path: 'aliased-output.yaml', text }]), 'FW106', 'ExecutionRole');
      assert.equal(finding.fix, undefined);
      assert.match(fixDeclinedReason(finding) ?? '', /would change the YAML node anchored as &execArn on line \d+, which the alias \*execArn on line \d+ repeats/);
    });

    it('a key added on the line after an anchored flow list is declined too: its position cannot be told from one computed from an alias copy', () => {
      const text = publicAlb()
        .replace('      Tags: [{ Key: team, Value: web }]\n', '      Tags: &tags [{ Key: team, Value: web }]\n')
        .replace(/( {2}DbSg:\n(?: {4}.*\n)*? {4}Properties:\n)/, '$1      Tags: *tags\n');
      const finding = findingOf(scanFiles([{ path: 'shared-tags.yaml', text }]), 'FW203', 'TaskSg');
      assert.equal(finding.fix, undefined);
      assert.match(fixDeclinedReason(finding) ?? '', /would change the YAML node anchored as &tags/);
    });

    it('an edit placed after the kept blank lines of a |+ scalar that ends an anchored node is in the node: declined', () => {
      // DebugSg's Properties are TaskSg's (`*p`); FW203 on DebugSg would add its egress after the
      // last value of that map, a keep-chomped scalar whose blank lines are part of it.
      const debugSg = '  DebugSg:\n    Type: AWS::EC2::SecurityGroup\n    Properties: *p\n';
      const text = publicAlb()
        .replace(/( {2}TaskSg:\n {4}Type: AWS::EC2::SecurityGroup\n {4}Properties:)\n/, '$1 &p\n')
        .replace('      Tags: [{ Key: team, Value: web }]\n', `      Tags:\n      - Key: team\n        Value: |+\n          web\n\n\n${debugSg}`)
        .replace('SourceSecurityGroupId: !GetAtt TaskSg.GroupId }', 'SourceSecurityGroupId: !GetAtt DebugSg.GroupId }')
        .replace('SecurityGroups: [!Ref TaskSg]', 'SecurityGroups: [!Ref DebugSg]');
      assert.match(text, /Properties: &p\n[^]*Value: \|\+\n {10}web\n\n\n {2}DebugSg:\n[^]*Properties: \*p\n[^]*SecurityGroups: \[!Ref DebugSg\]/);
      const result = scanFiles([{ path: 'kept-lines.yaml', text }]);
      const egress = findingOf(result, 'FW203', 'DebugSg');
      assert.equal(egress.fix, undefined);
      assert.match(fixDeclinedReason(egress) ?? '', /^the edit at line \d+ would change the YAML node anchored as &p on line \d+, which the alias \*p/);
    });

    it('an edit in a resource that uses an alias is declined: its copy has the anchor\'s positions', () => {
      const text = publicAlb().replace('      GroupDescription: "storefront tasks"', '      GroupDescription: &desc "storefront tasks"\n      Tags: [{ Key: d, Value: *desc }]').replace('      Tags: [{ Key: team, Value: web }]\n', '');
      const result = scanFiles([{ path: 'anchors.yaml', text }]);
      for (const rule of ['FW203', 'FW202']) {
        const finding = findingOf(result, rule, 'TaskSg');
        assert.equal(finding.fix, undefined);
        assert.match(fixDeclinedReason(finding) ?? '', /^(resource TaskSg uses the YAML alias \*desc \(line \d+\), whose node is the anchor's text elsewhere|the edit at line \d+ would change the YAML node anchored as &desc)/, rule);
      }
    });
  });

  it('FW203 declines when something other than services and rules uses the group (here an EC2 instance)', () => {
    const text = `${readFileSync(join(FIXES, 'public-alb.yaml'), 'utf8')}
  Bastion:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      SecurityGroupIds: [!GetAtt TaskSg.GroupId]
`;
    const finding = findingOf(scanFiles([{ path: 'with-instance.yaml', text }]), 'FW203', 'TaskSg');
    assert.equal(finding.fix, undefined);
    assert.equal(fixDeclinedReason(finding), 'security group TaskSg is also used by Bastion (AWS::EC2::Instance), whose egress needs are not known: narrow it by hand, or give the tasks a group of their own');
  });

  it('FW106 declines when the execution role also serves another resource (an EventBridge target that runs the task)', () => {
    // The "application permissions" are the schedule's: moving them would stop the nightly run and
    // hand ecs:RunTask and iam:PassRole to the application.
    const text = `${readFileSync(join(FIXES, 'exec-app-policy.yaml'), 'utf8').replace(
      '                Action: dynamodb:PutItem\n                Resource: !GetAtt Orders.Arn\n',
      '                Action: ecs:RunTask\n                Resource: !Ref TaskDefinition\n',
    )}  Nightly:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: cron(0 3 * * ? *)
      Targets:
        - Id: nightly
          Arn: !GetAtt Cluster.Arn
          RoleArn: !GetAtt ExecutionRole.Arn
          EcsParameters: { TaskDefinitionArn: !Ref TaskDefinition, LaunchType: FARGATE }
  Cluster:
    Type: AWS::ECS::Cluster
`;
    assert.ok(text.includes('Action: ecs:RunTask'));
    const finding = findingOf(scanFiles([{ path: 'events-target.yaml', text }]), 'FW106', 'ExecutionRole');
    assert.equal(finding.fix, undefined);
    assert.match(fixDeclinedReason(finding) ?? '', /also used by Nightly \(AWS::Events::Rule\)/);
  });

  it('FW106 declines when the task role is also another task definition\'s, which would gain the permissions too', () => {
    const text = `${readFileSync(join(FIXES, 'exec-app-policy.yaml'), 'utf8')}  ReportsTaskDefinition:
    Type: AWS::ECS::TaskDefinition
    Properties:
      NetworkMode: awsvpc
      RequiresCompatibilities: [FARGATE]
      Cpu: '256'
      Memory: '512'
      TaskRoleArn: !GetAtt TaskRole.Arn
      ContainerDefinitions:
        - Name: reports
          Image: public.ecr.aws/nginx/nginx:1.27
`;
    const finding = findingOf(scanFiles([{ path: 'shared-task-role.yaml', text }]), 'FW106', 'ExecutionRole');
    assert.equal(finding.fix, undefined);
    assert.match(fixDeclinedReason(finding) ?? '', /task role TaskRole is also the task role of ReportsTaskDefinition, which does not use execution role ExecutionRole/);
  });

  it('FW106 declines when the execution role trusts another principal than ECS tasks', () => {
    const text = readFileSync(join(FIXES, 'exec-app-policy.yaml'), 'utf8').replace(
      '      # Added here by mistake',
      '          - Effect: Allow\n            Principal: { Service: lambda.amazonaws.com }\n            Action: sts:AssumeRole\n      # Added here by mistake',
    );
    assert.ok(text.includes('lambda.amazonaws.com'));
    const finding = findingOf(scanFiles([{ path: 'shared-trust.yaml', text }]), 'FW106', 'ExecutionRole');
    assert.equal(finding.fix, undefined);
    assert.match(fixDeclinedReason(finding) ?? '', /Service:lambda\.amazonaws\.com, which its trust policy admits/);
  });

  it('FW203 declines when a private range admitted elsewhere may hold the tasks and their subnets are unknown', () => {
    const text = readFileSync(join(FIXES, 'nat-worker.yaml'), 'utf8').replace('            CidrBlock: 10.1.8.0/22\n', '            CidrBlock: !Ref PrivateCidr\n');
    assert.ok(text.includes('!Ref PrivateCidr'));
    const withParam = text.replace('Resources:', 'Parameters:\n    PrivateCidr:\n        Type: String\n\nResources:');
    const finding = findingOf(scanFiles([{ path: 'unknown-subnet-cidr.yaml', text: withParam }]), 'FW203', 'WorkerSg');
    assert.equal(finding.fix, undefined);
  });
});

describe('every expected fix output deploys: no circular dependency between resources', () => {
  for (const file of [...new Set(CASES.map((c) => c.expected))]) {
    it(file, () => {
      const text = readFileSync(join(FIXES, 'expected', file), 'utf8');
      const doc = templateDoc(file, text);
      assert.ok(doc !== undefined, 'parses');
      const resources = resourcesMap(doc!)!;
      const ids = new Set(resources.entries.map((e) => e.key));
      const edges = new Map(resources.entries.map((e) => [e.key, [...referencedIds(e.value)].filter((id) => ids.has(id) && id !== e.key)]));
      const state = new Map<string, 'open' | 'done'>();
      const cycle = (id: string, path: string[]): string[] | undefined => {
        if (state.get(id) === 'done') return undefined;
        if (state.get(id) === 'open') return [...path.slice(path.indexOf(id)), id];
        state.set(id, 'open');
        for (const next of edges.get(id) ?? []) {
          const found = cycle(next, [...path, id]);
          if (found !== undefined) return found;
        }
        state.set(id, 'done');
        return undefined;
      };
      for (const id of ids) assert.equal(cycle(id, [])?.join(' → '), undefined);
    });
  }
});

describe('FW103 scoping takes only ARNs every action accepts', () => {
  const api = readFileSync(join(ROOT, 'examples/base/api-service.yaml'), 'utf8');
  const network = readFileSync(join(ROOT, 'examples/base/network.yaml'), 'utf8');
  const withActions = (actions: string[]): string => {
    const text = api
      .replace('                Resource: !GetAtt OrdersTable.Arn\n', `                Resource: !GetAtt OrdersTable.Arn\n              - Effect: Allow\n                Action: [${actions.join(', ')}]\n                Resource: '*'\n`)
      .replace('\n  ApiTaskDefinition:\n', `\n  Machine:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionString: '{}'\n      RoleArn: arn:aws:iam::123456789012:role/sfn\n\n  ApiTaskDefinition:\n`);
    assert.notEqual(text, api);
    return text;
  };
  const fixOf = (actions: string[]) => {
    const result = scanFiles([{ path: 'infra/api-service.yaml', text: withActions(actions) }, { path: 'infra/network.yaml', text: network }]);
    return result.findings.find((f) => f.ruleId === 'FW103' && f.resource === 'ApiTaskRole')?.fix;
  };

  it('scopes state-machine actions to the machine', () => {
    const fix = fixOf(['states:StartExecution']);
    assert.ok(fix !== undefined);
    assert.match(fix.edits.map((e) => e.text).join('\n'), /!Ref Machine/);
  });

  it('declines when an action takes an execution ARN, not the machine\'s (scoping would deny it)', () => {
    assert.equal(fixOf(['states:StartExecution', 'states:DescribeExecution']), undefined);
  });
});

describe('FW107 with a secret under a customer managed key', () => {
  const iam = readFileSync(join(FIXES, 'iam.yaml'), 'utf8');
  const withKey = (keyId: string) => iam.replace(
    '      GenerateSecretString: { PasswordLength: 32 }\n',
    `      GenerateSecretString: { PasswordLength: 32 }\n      KmsKeyId: ${keyId}\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      KeyPolicy: { Version: '2012-10-17', Statement: [{ Effect: Allow, Principal: { AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:root' }, Action: 'kms:*', Resource: '*' }] }\n  KeyAlias:\n    Type: AWS::KMS::Alias\n    Properties:\n      AliasName: alias/db\n      TargetKeyId: !Ref Key\n`,
  );
  const decryptOn = (keyId: string): string | undefined => {
    const text = withKey(keyId);
    assert.notEqual(text, iam);
    const fix = scanFiles([{ path: 'iam.yaml', text }]).findings.find((f) => f.ruleId === 'FW107' && f.resource === 'WorkerExecutionRole')?.fix;
    const written = fix?.edits.map((e) => e.text).join('\n') ?? '';
    return /Action: kms:Decrypt\n\s+Resource: (.+)/.exec(written)?.[1];
  };

  it('grants kms:Decrypt on the key, also when the secret names it through an alias (an alias has no Arn)', () => {
    assert.equal(decryptOn('!GetAtt Key.Arn'), '!GetAtt Key.Arn');
    assert.equal(decryptOn('!Ref KeyAlias'), '!GetAtt Key.Arn');
  });
});

describe('FW107 with a secret referenced by its ARN', () => {
  const iam = readFileSync(join(FIXES, 'iam.yaml'), 'utf8');
  const grantFor = (valueFrom: string): { resource: string | undefined; kept: boolean } => {
    const text = iam.replace('ValueFrom: !Ref DbSecret', `ValueFrom: '${valueFrom}'`);
    assert.notEqual(text, iam);
    const files = [{ path: 'iam.yaml', text }];
    const result = scanFiles(files);
    const finding = findingOf(result, 'FW107', 'WorkerExecutionRole');
    const written = finding.fix?.edits.map((e) => e.text).join('\n') ?? '';
    const kept = verifyFixes(files, result, deps(), config, { only: (f) => f === finding }).fixes.length === 1;
    return { resource: /Action: secretsmanager:GetSecretValue\n\s+Resource: (.+)/.exec(written)?.[1], kept };
  };

  it('a partial ARN (no random suffix) is granted with -?????? after the name, which IAM needs, and the fix is kept', () => {
    assert.deepEqual(grantFor('arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db'), { resource: "'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-??????'", kept: true });
    assert.deepEqual(grantFor('arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db:password::'), { resource: "'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-??????'", kept: true });
  });

  it('a complete ARN is granted as written, without the JSON key', () => {
    assert.deepEqual(grantFor('arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf:password::'), { resource: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf', kept: true });
  });
});

describe('FW107 and FW108 on roles that others use as their task role', () => {
  const iam = readFileSync(join(FIXES, 'iam.yaml'), 'utf8');
  const worker = '      ExecutionRoleArn: !GetAtt WorkerExecutionRole.Arn\n';
  const variant = (from: string, to: string): ScanResult => {
    const text = iam.replace(from, to);
    assert.notEqual(text, iam);
    return scanFiles([{ path: 'iam.yaml', text }]);
  };

  it('FW108 declines when the task role is also that of a task definition whose service has no ECS Exec, naming it', () => {
    const finding = findingOf(variant(worker, `${worker}      TaskRoleArn: !GetAtt ApiTaskRole.Arn\n`), 'FW108', 'ApiTaskRole');
    assert.equal(finding.fix, undefined);
    assert.match(fixDeclinedReason(finding) ?? '', /^task role ApiTaskRole is also the task role of WorkerTaskDefinition \(service worker\), which ECS Exec does not need/);
  });

  it('FW108 declines when the task role is also another task definition\'s execution role, naming it (verification dropped it for the FW106 it adds there)', () => {
    const text = iam.replace(worker, '      ExecutionRoleArn: !GetAtt ApiTaskRole.Arn\n');
    assert.notEqual(text, iam);
    const files = [{ path: 'iam.yaml', text }];
    const result = scanFiles(files);
    const finding = findingOf(result, 'FW108', 'ApiTaskRole');
    assert.equal(finding.fix, undefined);
    assert.match(fixDeclinedReason(finding) ?? '', /^task role ApiTaskRole is also the execution role of WorkerTaskDefinition \(service worker\)/);
    assert.deepEqual(verifyFixes(files, result, deps(), config, { only: (f) => f === finding }).dropped, []);
    // Its own task definition's execution role as well: the agent there gets them too.
    const own = findingOf(variant('      ExecutionRoleArn: !GetAtt ApiExecutionRole.Arn\n', '      ExecutionRoleArn: !GetAtt ApiTaskRole.Arn\n'), 'FW108', 'ApiTaskRole');
    assert.equal(own.fix, undefined);
    assert.match(fixDeclinedReason(own) ?? '', /^task role ApiTaskRole is also the execution role of ApiTaskDefinition \(service api\): the ECS agent, which needs no ssmmessages actions, would get them there too/);
  });

  it('FW108 declines when something other than ECS tasks uses the task role', () => {
    const lambda = '  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: !GetAtt ApiTaskRole.Arn\n      Runtime: python3.12\n      Handler: index.handler\n      Code: { ZipFile: "def handler(e, c): pass" }\n';
    const finding = findingOf(variant('  ApiExecutionRole:\n', `${lambda}  ApiExecutionRole:\n`), 'FW108', 'ApiTaskRole');
    assert.equal(finding.fix, undefined);
    assert.match(fixDeclinedReason(finding) ?? '', /^task role ApiTaskRole is also used by Fn \(AWS::Lambda::Function\)/);
  });

  it('FW107 declines when the execution role is another task definition\'s task role: that application would read the secrets', () => {
    const finding = findingOf(variant('      TaskRoleArn: !GetAtt ApiTaskRole.Arn\n', '      TaskRoleArn: !GetAtt WorkerExecutionRole.Arn\n'), 'FW107', 'WorkerExecutionRole');
    assert.equal(finding.fix, undefined);
    assert.match(fixDeclinedReason(finding) ?? '', /^execution role WorkerExecutionRole is also the task role of ApiTaskDefinition \(service api\): the application code there would be able to read WorkerTaskDefinition's secrets too/);
  });

  it('FW107 goes ahead when the execution role is the task role of the same task definition, and says the application can read them', () => {
    const finding = findingOf(variant(worker, `${worker}      TaskRoleArn: !GetAtt WorkerExecutionRole.Arn\n`), 'FW107', 'WorkerExecutionRole');
    assert.ok(finding.fix !== undefined);
    assert.match(finding.fix.explanation, /WorkerExecutionRole is also WorkerTaskDefinition's task role, so its application can read them as well/);
  });
});

describe('interface endpoint subnets when a literal AZ and a computed one mix', () => {
  it('FW302 and FW301 decline: eu-west-1a and the first of Fn::GetAZs may be one AZ, which AWS refuses twice on an endpoint', () => {
    const lockdown = readFileSync(join(FIXES, 'lockdown.yaml'), 'utf8');
    const mixed = lockdown
      .replace("      AvailabilityZone: !Select [0, !GetAZs '']", '      AvailabilityZone: eu-west-1a')
      .replace("      AvailabilityZone: !Select [1, !GetAZs '']", "      AvailabilityZone: !Select [0, !GetAZs '']");
    assert.notEqual(mixed, lockdown);
    const fixed = (text: string) => new Set(scanFiles([{ path: 'lockdown.yaml', text }]).findings.filter((f) => f.fix !== undefined).map((f) => f.ruleId));
    assert.ok(fixed(lockdown).has('FW302') && fixed(lockdown).has('FW301'), 'offered when the AZs are all computed');
    const offered = fixed(mixed);
    assert.ok(!offered.has('FW302') && !offered.has('FW301'), [...offered].join(', '));
  });
});

describe('fixes that leave the deployer\'s choices alone', () => {
  it('FW202 declines a world range that comes from a parameter (a deployment may set another)', () => {
    const alb = readFileSync(join(FIXES, 'public-alb.yaml'), 'utf8');
    const parameterised = alb
      .replace('Resources:\n', "Parameters:\n  AllowedCidr:\n    Type: String\n    Default: 0.0.0.0/0\nResources:\n")
      .replace('        CidrIp: "0.0.0.0/0"   # TODO: tighten', '        CidrIp: !Ref AllowedCidr   # TODO: tighten');
    assert.notEqual(parameterised, alb);
    const fw202 = (text: string) => scanFiles([{ path: 'public-alb.yaml', text }]).findings.filter((f) => f.ruleId === 'FW202' && f.resource === 'TaskSg');
    assert.ok(fw202(alb).some((f) => f.fix !== undefined), 'offered for a literal range');
    const found = fw202(parameterised);
    assert.ok(found.length > 0, 'still reported (the default is the world)');
    assert.ok(found.every((f) => f.fix === undefined));
  });

  it('FW202 declines a world range under one outcome of an undecided Fn::If, and still fixes a literal one beside it', () => {
    const alb = readFileSync(join(FIXES, 'public-alb.yaml'), 'utf8');
    const undecided = alb
      .replace('Resources:\n', 'Parameters:\n  Env:\n    Type: String\nConditions:\n  IsDev: !Equals [!Ref Env, dev]\nResources:\n')
      .replace('      Tags: [{ Key: team, Value: web }]\n', '      - !If [IsDev, { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }, !Ref AWS::NoValue]\n      Tags: [{ Key: team, Value: web }]\n');
    assert.notEqual(undecided, alb);
    const found = scanFiles([{ path: 'public-alb.yaml', text: undecided }]).findings.filter((f) => f.ruleId === 'FW202' && f.resource === 'TaskSg');
    assert.equal(found.length, 2);
    const [literal, conditional] = [found.find((f) => f.message.includes('TCP 8080')), found.find((f) => f.message.includes('TCP 22'))];
    assert.match(conditional?.message ?? '', /when Condition IsDev is true/);
    assert.equal(conditional?.fix, undefined, 'the outcome is the deployer\'s to choose');
    assert.ok(literal?.fix !== undefined, 'the literal rule is still fixed');
    const out = applyEdits(new Map([['public-alb.yaml', undecided]]), literal.fix.edits);
    assert.match(out.files.get('public-alb.yaml') ?? '', /!If \[IsDev, \{ IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0\.0\.0\.0\/0 \}, !Ref AWS::NoValue\]/);
  });
});
