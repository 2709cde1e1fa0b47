import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadInfra } from '../../../src/shared/sources/index.ts';
import type { SourceFile } from '../../../src/shared/sources/types.ts';

const FIXTURES = fileURLToPath(new URL('../../fixtures/cfn/', import.meta.url));

function file(path: string): SourceFile {
  return { path, text: readFileSync(`${FIXTURES}${path}`, 'utf8') };
}

test('cross-stack exports connect entities across templates', () => {
  const infra = loadInfra([file('cross-stack/network.yaml'), file('cross-stack/app.yaml')]);
  assert.equal(infra.stacks.length, 2);
  const sg = infra.securityGroups[0];
  assert.equal(sg.id, 'cross-stack/network.yaml#TaskSg');
  const standalone = sg.rules.find((r) => r.standaloneId !== undefined);
  assert.equal(standalone?.standaloneId, 'cross-stack/app.yaml#FromAlb');
  assert.equal(sg.implicitEgress, true);

  const service = infra.services[0];
  const ids = service.securityGroups.items.map((r) => (r.kind === 'resource' ? r.id : r.kind));
  assert.deepEqual(ids, ['cross-stack/network.yaml#TaskSg', 'unknown']);
  assert.deepEqual(service.subnets.items.map((r) => (r.kind === 'resource' ? r.id : r.kind)), ['cross-stack/network.yaml#Private']);
  assert.ok(infra.unresolved.some((u) => u.file === 'cross-stack/app.yaml' && u.reason.includes('missing-Sg')), JSON.stringify(infra.unresolved));
});

test('files that are not templates are ignored; parse failures are reported and the rest still loads', () => {
  const infra = loadInfra([
    { path: 'README.md', text: '# hello' },
    { path: 'package.json', text: '{"name":"x","dependencies":{}}' },
    { path: 'config.yaml', text: 'key: value\n' },
    file('broken.yaml'),
    file('network.yaml'),
  ]);
  assert.equal(infra.stacks.length, 1);
  assert.equal(infra.stacks[0].file, 'network.yaml');
  assert.ok(infra.vpcs.length === 1);
  assert.equal(infra.errors.length, 1, JSON.stringify(infra.errors));
  const [error] = infra.errors;
  assert.equal(error.file, 'broken.yaml');
  assert.ok(error.line >= 6, `line ${error.line}`);
  assert.ok(error.column !== undefined);
});

test('JSON templates load too', () => {
  const text = JSON.stringify({
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: {
      Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'x', SecurityGroupEgress: [{ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }] } },
    },
  }, null, 2);
  const infra = loadInfra([{ path: 'a/b.json', text }]);
  assert.equal(infra.stacks[0].format, 'cloudformation-json');
  const sg = infra.securityGroups[0];
  assert.equal(sg.implicitEgress, false);
  assert.equal(sg.rules[0].protocol, 'all');
  assert.equal(sg.rules[0].source.line, 9);
});

test('an empty file list gives an empty model', () => {
  const infra = loadInfra([]);
  assert.equal(infra.stacks.length, 0);
  assert.equal(infra.errors.length, 0);
});

test('a CDK cloud assembly gives construct paths, creation stacks and the stack name', () => {
  const dir = 'cdk-app/cdk.out';
  const names = ['manifest.json', 'ApiStack.template.json', 'ApiStack.metadata.json', 'ApiStack.assets.json', 'tree.json'];
  const infra = loadInfra(names.map((n) => file(`${dir}/${n}`)));
  assert.deepEqual(infra.errors, []);
  assert.equal(infra.stacks.length, 1, 'only the template is a stack');
  assert.equal(infra.stacks[0].name, 'orders-api-prod');
  assert.equal(infra.stacks[0].format, 'cloudformation-json');
  assert.equal(infra.stacks[0].environment, undefined, 'aws://unknown-account/unknown-region pins nothing');

  const role = infra.roles[0];
  assert.equal(role.cdkPath, 'ApiStack/TaskRole/Resource');
  assert.equal(role.cdkSource, '/app/lib/api-stack.ts:42:22');
  const sg = infra.securityGroups[0];
  assert.equal(sg.cdkPath, 'ApiStack/TaskSg/Resource', 'from the assembly when the template has no path metadata');
  assert.equal(sg.implicitEgress, false, 'CDK allowAllOutbound: false writes a deny-all placeholder rule');
  assert.deepEqual(sg.suppressions.map((s) => s.ruleId), ['FW202']);
  const service = infra.services[0];
  assert.equal(service.key, 'ApiStack/Service/Service', 'no ServiceName: the construct path is the key');
  assert.equal(infra.taskDefinitions[0].containers[0].registry, 'ecr-private');
  assert.equal(infra.taskDefinitions[0].cdkPath, undefined);
});

test('a stack artifact that pins an account and region gives them to its stack and its nested stacks', () => {
  const root = fileURLToPath(new URL('../../fixtures/cdk/', import.meta.url));
  const paths = [
    'cdk.out/manifest.json', 'cdk.out/Network.template.json', 'cdk.out/Service.template.json', 'cdk.out/Service.metadata.json',
    'cdk.out/ServiceWorkers0F1E2D3C.nested.template.json', 'cdk.out/assembly-Prod/manifest.json', 'cdk.out/assembly-Prod/ProdApi.template.json',
  ];
  const infra = loadInfra(paths.map((path) => ({ path, text: readFileSync(`${root}${path}`, 'utf8') })));
  assert.deepEqual(infra.errors, []);
  assert.deepEqual(infra.stacks.map((s) => [s.file, s.environment]), [
    ['cdk.out/Network.template.json', undefined],
    ['cdk.out/Service.template.json', { account: '123456789012', region: 'eu-west-1' }],
    ['cdk.out/ServiceWorkers0F1E2D3C.nested.template.json', { account: '123456789012', region: 'eu-west-1' }],
    ['cdk.out/assembly-Prod/ProdApi.template.json', { account: '123456789012', region: 'us-east-1' }],
  ]);
});

test('stages with one stack name in two accounts: each import reads its own stage\'s export, as CloudFormation scopes export names', () => {
  const manifest = (account: string) => JSON.stringify({
    version: '36.0.0',
    artifacts: {
      Network: { type: 'aws:cloudformation:stack', environment: `aws://${account}/eu-west-1`, properties: { templateFile: 'Network.template.json', stackName: 'network' } },
      Api: { type: 'aws:cloudformation:stack', environment: `aws://${account}/eu-west-1`, properties: { templateFile: 'Api.template.json', stackName: 'api' } },
    },
  });
  const network = JSON.stringify({ Resources: { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } } }, Outputs: { V: { Value: { Ref: 'Vpc' }, Export: { Name: 'network:Vpc' } } } });
  const api = JSON.stringify({ Resources: { Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'api', VpcId: { 'Fn::ImportValue': 'network:Vpc' } } } } });
  const files = ['Prod', 'Staging'].flatMap((stage, i) => [
    { path: `cdk.out/assembly-${stage}/manifest.json`, text: manifest(i === 0 ? '111111111111' : '222222222222') },
    { path: `cdk.out/assembly-${stage}/Network.template.json`, text: network },
    { path: `cdk.out/assembly-${stage}/Api.template.json`, text: api },
  ]);
  const infra = loadInfra(files);
  assert.deepEqual(infra.errors, []);
  const vpcOf = (stage: string) => infra.securityGroups.find((g) => g.file === `cdk.out/assembly-${stage}/Api.template.json`)?.vpc;
  assert.deepEqual(vpcOf('Prod'), { kind: 'resource', id: 'cdk.out/assembly-Prod/Network.template.json#Vpc', source: vpcOf('Prod')!.source });
  const staging = vpcOf('Staging');
  assert.equal(staging?.kind === 'resource' ? staging.id : staging?.kind, 'cdk.out/assembly-Staging/Network.template.json#Vpc');
});

test('a stack template the cloud assembly no longer lists (left in cdk.out by an earlier synth) is not analyzed, and says so', () => {
  const manifest = JSON.stringify({ version: '36.0.0', artifacts: { Orders: { type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/unknown-region', properties: { templateFile: 'Orders.template.json' } } } });
  const template = (id: string) => JSON.stringify({ Resources: { [id]: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: id } } } });
  const infra = loadInfra([
    { path: 'cdk.out/manifest.json', text: manifest },
    { path: 'cdk.out/Orders.template.json', text: template('OrdersSg') },
    { path: 'cdk.out/OldApi.template.json', text: template('OldApiSg') },
    { path: 'infra/Standalone.template.json', text: template('StandaloneSg') },
  ]);
  assert.deepEqual(infra.securityGroups.map((g) => g.logicalId).sort(), ['OrdersSg', 'StandaloneSg'], 'a template outside the assembly directory is its own');
  assert.deepEqual(infra.unresolved.filter((u) => u.file === 'cdk.out/OldApi.template.json').map((u) => u.reason), [
    'not analyzed: the cloud assembly beside it (manifest.json) does not list this stack, so it is left over from an earlier synth (cdk synth does not delete the templates of stacks it no longer has)',
  ]);
  assert.deepEqual(infra.errors, []);
});

test('the same templates without the assembly fall back to template metadata and logical IDs', () => {
  const infra = loadInfra([file('cdk-app/cdk.out/ApiStack.template.json')]);
  assert.equal(infra.stacks[0].name, undefined);
  assert.equal(infra.securityGroups[0].cdkPath, undefined);
  assert.equal(infra.roles[0].cdkSource, undefined);
  assert.equal(infra.services[0].key, 'ApiStack/Service/Service');
});

test('entity ranges cover the whole resource declaration', () => {
  const json = file('cdk-app/cdk.out/ApiStack.template.json');
  const role = loadInfra([json]).roles[0];
  assert.ok(role.range);
  const text = json.text.slice(role.range.start, role.range.end);
  assert.ok(text.startsWith('"TaskRole30FC0FBB": {'), text);
  assert.ok(text.endsWith('}') && text.includes('"Metadata"'), text);

  const yaml = file('network.yaml');
  const route = loadInfra([yaml]).resources.find((r) => r.logicalId === 'PublicDefault');
  assert.ok(route?.range);
  const routeText = yaml.text.slice(route.range.start, route.range.end);
  assert.ok(routeText.startsWith('PublicDefault:'));
  assert.match(routeText, /DependsOn: IgwAttachment[\s\S]*GatewayId: !Ref Igw$/);
});

test('a Ref or GetAtt to a name the template does not declare is unknown, not an input error', () => {
  const text = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  TaskSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: tasks
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 80
          ToPort: 80
          SourceSecurityGroupId: !GetAtt LoadBalancerSg.GroupId
`;
  const infra = loadInfra([{ path: 'snippet.yaml', text }]);
  assert.deepEqual(infra.errors, []);
  const reasons = infra.unresolved.filter((u) => u.file === 'snippet.yaml').map((u) => `${u.line} ${u.path}: ${u.reason}`);
  assert.deepEqual(reasons, [
    '7 Resources.TaskSg.Properties.VpcId: Ref to Vpc, which is neither a parameter nor a resource of this template',
    '12 Resources.TaskSg.Properties.SecurityGroupIngress[0].SourceSecurityGroupId: Fn::GetAtt on LoadBalancerSg, which is not a resource of this template',
  ], 'one entry each, though the resolver records them both as a problem and as an unknown value');
  // The rest of the resource is still read.
  assert.equal(infra.securityGroups[0].rules.filter((r) => r.direction === 'ingress').length, 1);
});

test('a template whose parts are not shaped like a template is an input error at the line', () => {
  const text = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Good:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  NoType:
    Properties: { CidrBlock: 10.1.0.0/16 }
  NotAMapping: [1, 2]
`;
  const infra = loadInfra([{ path: 'shape.yaml', text }]);
  assert.deepEqual(infra.errors.map((e) => `${e.file}:${e.line} ${e.message}`), [
    'shape.yaml:6 resource NoType has no Type (or one that is not a literal string)',
    'shape.yaml:8 resource NotAMapping must be a mapping with a Type',
  ]);
  assert.equal(infra.vpcs.length, 1, 'the well-formed resource is still read');
});

test('what parsing read in its own way (an unknown tag, a YAML merge key) is listed with the unknown values, by file and line', () => {
  const text = 'Net: &net {AssignPublicIp: ENABLED}\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      <<: *net\n      QueueName: !Upper orders\n';
  const infra = loadInfra([{ path: 'odd.yaml', text }]);
  assert.deepEqual(infra.errors, []);
  assert.deepEqual(
    infra.unresolved.map((u) => [u.file, u.line, u.reason.slice(0, 22)]),
    [['odd.yaml', 6, 'YAML merge key << is n'], ['odd.yaml', 7, 'unknown YAML tag !Uppe']],
  );
});

test('a pinned stack resolves AWS::Region and AWS::AccountId to its environment; an environment-agnostic one keeps the placeholders', () => {
  const manifest = JSON.stringify({
    version: '36.0.0',
    artifacts: {
      Pinned: { type: 'aws:cloudformation:stack', environment: 'aws://123456789012/eu-west-1', properties: { templateFile: 'Pinned.template.json' } },
      Agnostic: { type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/unknown-region', properties: { templateFile: 'Agnostic.template.json' } },
    },
  });
  const template = JSON.stringify({
    Resources: {
      S3: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcId: 'vpc-1', ServiceName: { 'Fn::Sub': 'com.amazonaws.${AWS::Region}.s3' }, VpcEndpointType: 'Gateway' } },
    },
  });
  const infra = loadInfra([
    { path: 'cdk.out/manifest.json', text: manifest },
    { path: 'cdk.out/Pinned.template.json', text: template },
    { path: 'cdk.out/Agnostic.template.json', text: template },
  ]);
  assert.deepEqual(infra.errors, []);
  const raw = (file: string) => {
    const name = infra.vpcEndpoints.find((e) => e.file === file)?.serviceNameRaw;
    return name?.known === true ? name.value : name;
  };
  assert.equal(raw('cdk.out/Pinned.template.json'), 'com.amazonaws.eu-west-1.s3');
  assert.equal(raw('cdk.out/Agnostic.template.json'), 'com.amazonaws.${AWS::Region}.s3');
});

test('two environment-agnostic synths of one app (two cdk.out, or two stages): each import reads the export of its own assembly', () => {
  const manifest = JSON.stringify({
    version: '36.0.0',
    artifacts: {
      Network: { type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/unknown-region', properties: { templateFile: 'Network.template.json' } },
      Api: { type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/unknown-region', properties: { templateFile: 'Api.template.json' }, dependencies: ['Network'] },
    },
  });
  const network = JSON.stringify({ Resources: { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } } }, Outputs: { V: { Value: { Ref: 'Vpc' }, Export: { Name: 'Network:ExportsOutputRefVpc' } } } });
  const api = JSON.stringify({ Resources: { Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'api', VpcId: { 'Fn::ImportValue': 'Network:ExportsOutputRefVpc' } } } } });
  for (const dirs of [['prod/cdk.out', 'staging/cdk.out'], ['cdk.out/assembly-Prod', 'cdk.out/assembly-Staging']]) {
    const infra = loadInfra(dirs.flatMap((dir) => [
      { path: `${dir}/manifest.json`, text: manifest },
      { path: `${dir}/Network.template.json`, text: network },
      { path: `${dir}/Api.template.json`, text: api },
    ]));
    assert.deepEqual(infra.errors, []);
    for (const dir of dirs) {
      const vpc = infra.securityGroups.find((g) => g.file === `${dir}/Api.template.json`)?.vpc;
      assert.equal(vpc?.kind === 'resource' ? vpc.id : vpc?.kind, `${dir}/Network.template.json#Vpc`, dir);
    }
    assert.deepEqual(infra.unresolved.filter((u) => u.reason.includes('ImportValue')), []);
  }
});

test('without a cloud assembly, an export two templates declare stays ambiguous', () => {
  const network = JSON.stringify({ Resources: { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } } }, Outputs: { V: { Value: { Ref: 'Vpc' }, Export: { Name: 'network:Vpc' } } } });
  const api = JSON.stringify({ Resources: { Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'api', VpcId: { 'Fn::ImportValue': 'network:Vpc' } } } } });
  const infra = loadInfra(['prod', 'staging'].flatMap((dir) => [{ path: `${dir}/network.json`, text: network }, { path: `${dir}/api.json`, text: api }]));
  assert.ok(infra.unresolved.some((u) => u.file === 'prod/api.json' && u.reason.includes('exported by several scanned templates')), JSON.stringify(infra.unresolved));
});

test('a stage the root manifest no longer lists (its assembly-* directory left by an earlier synth) is not analyzed, and says so', () => {
  const root = JSON.stringify({ version: '36.0.0', artifacts: { 'assembly-Prod': { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Prod', displayName: 'Prod' } } } });
  const stage = (name: string) => JSON.stringify({ version: '36.0.0', artifacts: { [`${name}Api`]: { type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/unknown-region', properties: { templateFile: `${name}Api.template.json` } } } });
  const template = (id: string) => JSON.stringify({ Resources: { [id]: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: id } } } });
  const files = [
    { path: 'cdk.out/manifest.json', text: root },
    { path: 'cdk.out/assembly-Prod/manifest.json', text: stage('Prod') },
    { path: 'cdk.out/assembly-Prod/ProdApi.template.json', text: template('ProdSg') },
    { path: 'cdk.out/assembly-Staging/manifest.json', text: stage('Staging') },
    { path: 'cdk.out/assembly-Staging/StagingApi.template.json', text: template('StagingSg') },
  ];
  const infra = loadInfra(files);
  assert.deepEqual(infra.errors, []);
  assert.deepEqual(infra.securityGroups.map((g) => g.logicalId), ['ProdSg']);
  assert.deepEqual(infra.unresolved.filter((u) => u.file === 'cdk.out/assembly-Staging/StagingApi.template.json').map((u) => u.reason), [
    'not analyzed: the cloud assembly above it (manifest.json) does not list this stage, so it is left over from an earlier synth (cdk synth does not delete the directories of stages it no longer has)',
  ]);
  const withoutRoot = loadInfra(files.slice(1));
  assert.deepEqual(withoutRoot.securityGroups.map((g) => g.logicalId).sort(), ['ProdSg', 'StagingSg'], 'without the root manifest nothing says the stage is gone');
});

test('a truncated manifest.json beside stack templates, and a construct metadata file it names that is missing, are input errors', () => {
  const template = JSON.stringify({ Resources: { Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'api' } } } });
  const truncated = loadInfra([
    { path: 'cdk.out/manifest.json', text: '{"version": "36.0.0", "artifacts": {\n' },
    { path: 'cdk.out/Api.template.json', text: template },
  ]);
  assert.deepEqual(truncated.errors.map((e) => [e.file, e.line]), [['cdk.out/manifest.json', 2]]);
  assert.match(truncated.errors[0]!.message, /^CDK cloud assembly could not be read: manifest\.json is not valid JSON/);
  assert.equal(truncated.securityGroups.length, 1, 'the template is still analyzed');

  const manifest = JSON.stringify({ version: '36.0.0', artifacts: { Api: { type: 'aws:cloudformation:stack', properties: { templateFile: 'Api.template.json' }, additionalMetadataFile: 'Api.metadata.json' } } });
  const noMetadata = loadInfra([{ path: 'cdk.out/manifest.json', text: manifest }, { path: 'cdk.out/Api.template.json', text: template }]);
  assert.deepEqual(noMetadata.errors.map((e) => e.file), ['cdk.out/Api.metadata.json']);
  assert.match(noMetadata.errors[0]!.message, /^missing: cdk\.out\/manifest\.json names it as the construct metadata of stack Api \(additionalMetadataFile\)/);
  assert.deepEqual(loadInfra([{ path: 'web/manifest.json', text: '{"name": "app", ' }, { path: 'web/stack.yaml', text: 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n' }]).errors, [], 'a web app manifest beside a YAML template is none of its business');
});
