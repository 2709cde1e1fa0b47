import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseTemplate } from '../../../../src/shared/sources/cloudformation/parse.ts';
import type { ParsedTemplate } from '../../../../src/shared/sources/cloudformation/parse.ts';
import { resolveTemplate, resolveTemplates } from '../../../../src/shared/sources/cloudformation/resolve.ts';
import { parsed, plain, problemMessages, propertyAt, resolveYaml } from '../../../support/cloudformation.ts';

const template = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env:
    Type: String
    Default: prod
  Public:
    Type: String
    AllowedValues: [ENABLED, DISABLED]
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Equals [!Ref Env, dev]
Resources:
  ApiSg:
    Type: AWS::EC2::SecurityGroup
    Metadata:
      aws:cdk:path: App/ApiSg/Resource
    Properties:
      GroupDescription: !Sub '\${Env} api'
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: 10.0.0.0/8
        - IpProtocol: tcp
          FromPort: 80
          ToPort: 80
          CidrIp: !If [IsProd, 0.0.0.0/0, !Ref AWS::NoValue]
          Description: !If [IsDev, dev only, !Ref AWS::NoValue]
  DevOnly:
    Type: AWS::S3::Bucket
    Condition: IsDev
  Service:
    Type: AWS::ECS::Service
    DependsOn: [ApiSg, Listener]
    Properties:
      NetworkConfiguration:
        AwsvpcConfiguration:
          AssignPublicIp: !Ref Public
          SecurityGroups: [!GetAtt ApiSg.GroupId]
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    DependsOn: ApiSg
`;

describe('resolveTemplate', () => {
  const resolved = resolveYaml(template);

  it('keeps resources in declaration order, leaves out those whose condition is false', () => {
    assert.deepEqual([...resolved.resources.keys()], ['ApiSg', 'Service', 'Listener']);
    assert.equal(resolved.resources.get('ApiSg')!.type, 'AWS::EC2::SecurityGroup');
    assert.equal(resolved.resources.get('ApiSg')!.condition, true);
  });

  it('resolves properties, removing AWS::NoValue keys', () => {
    assert.deepEqual(plain(resolved.resources.get('ApiSg')!.properties), {
      GroupDescription: 'prod api',
      SecurityGroupIngress: [
        { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/8' },
        { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0' },
      ],
    });
    assert.deepEqual(plain(resolved.resources.get('ApiSg')!.metadata), { 'aws:cdk:path': 'App/ApiSg/Resource' });
  });

  it('reads DependsOn in both forms', () => {
    assert.deepEqual(resolved.resources.get('Service')!.dependsOn, ['ApiSg', 'Listener']);
    assert.deepEqual(resolved.resources.get('Listener')!.dependsOn, ['ApiSg']);
    assert.deepEqual(resolved.resources.get('ApiSg')!.dependsOn, []);
  });

  it('locates every value: line, column, path and the text of the node', () => {
    const cidr = propertyAt(resolved, 'ApiSg', 'SecurityGroupIngress[1].CidrIp')!;
    assert.equal(cidr.loc.path, 'Resources.ApiSg.Properties.SecurityGroupIngress[1].CidrIp');
    const cidrLine = template.split('\n').findIndex((l) => l.includes('CidrIp: !If')) + 1;
    // The chosen branch is written in the template: it is located there, so a fix can replace just it.
    assert.deepEqual([cidr.loc.line, cidr.loc.column], [cidrLine, 32]);
    assert.equal(template.slice(cidr.loc.range.start, cidr.loc.range.end), '0.0.0.0/0');
    // A computed value is located at the call that computed it.
    const description = propertyAt(resolved, 'ApiSg', 'GroupDescription')!;
    assert.equal(template.slice(description.loc.range.start, description.loc.range.end), "!Sub '${Env} api'");
    const port = propertyAt(resolved, 'ApiSg', 'SecurityGroupIngress[0].FromPort')!;
    assert.equal(template.slice(port.loc.range.start, port.loc.range.end), '443');
    const service = resolved.resources.get('Service')!;
    const serviceLine = template.split('\n').indexOf('  Service:') + 1;
    assert.deepEqual([service.loc.line, service.loc.column, service.loc.path], [serviceLine, 3, 'Resources.Service']);
    assert.equal(template.slice(service.loc.range.start, service.loc.range.end), 'Service');
  });

  it('a parameter without default is unknown, recorded once per path', () => {
    const value = propertyAt(resolved, 'Service', 'NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp');
    assert.equal(plain(value), '?parameter Public has no default');
    assert.deepEqual(resolved.unresolved.map((u) => [u.loc.path, u.reason]), [
      ['Resources.Service.Properties.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp', 'parameter Public has no default'],
    ]);
    const twice = resolveYaml('Parameters:\n  P: { Type: String }\nResources:\n  R:\n    Type: X::Y\n    Properties:\n      A: !Join [\'\', [!Ref P, !Ref P]]\n');
    assert.equal(twice.unresolved.length, 1);
  });

  it('GetAtt to a resource is a reference with its attribute', () => {
    assert.equal(plain(propertyAt(resolved, 'Service', 'NetworkConfiguration.AwsvpcConfiguration.SecurityGroups[0]')), '!GetAtt ApiSg.GroupId');
  });

  it('supplied parameter values win over defaults', () => {
    const dev = resolveTemplate(parsed(template), { parameterValues: { Env: { kind: 'string', value: 'dev', loc: resolved.resources.get('ApiSg')!.loc } } });
    assert.deepEqual([...dev.resources.keys()], ['ApiSg', 'DevOnly', 'Service', 'Listener']);
    assert.deepEqual(plain(propertyAt(dev, 'ApiSg', 'SecurityGroupIngress[1]')), { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, Description: 'dev only' });
  });

  it('exports outputs whose export name is known', () => {
    const t = resolveYaml(`Parameters:
  Name: { Type: String, Default: net }
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
Outputs:
  VpcId: { Value: !Ref Vpc, Export: { Name: !Sub '\${Name}-vpc' } }
  Cidr: { Value: !GetAtt Vpc.CidrBlock, Export: { Name: net-cidr } }
  ByStack: { Value: !Ref Vpc, Export: { Name: !Sub '\${AWS::StackName}-vpc' } }
  NotExported: { Value: !Ref Vpc }
`);
    assert.deepEqual([...t.exports].map(([k, v]) => [k, plain(v)]), [['net-vpc', '!Ref Vpc'], ['net-cidr', '10.0.0.0/16']]);
  });

  const broken: [string, string, RegExp][] = [
    ['a resource without Type', 'Resources:\n  A:\n    Properties: {}\n', /resource A has no Type/],
    ['a resource that is not a mapping', 'Resources:\n  A: 3\n', /must be a mapping with a Type/],
    ['Properties that are not a mapping', 'Resources:\n  A:\n    Type: X::Y\n    Properties: [1]\n', /Resources.A.Properties must be a mapping/],
    ['Resources that is a list', 'Resources: [1, 2]\n', /Resources must be a mapping/],
    ['an unknown function', 'Resources:\n  A:\n    Type: X::Y\n    Properties:\n      P: { "Fn::Magic": 1 }\n', /Fn::Magic is not a CloudFormation intrinsic function/],
    ['Fn::ForEach', 'Resources:\n  A:\n    Type: X::Y\n    Properties:\n      P: { "Fn::ForEach::Loop": [x, [a], {}] }\n', /not expanded/],
    ['Fn::ForEach in Resources', 'Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::Topics: [Name, [a, b], { "${Name}Topic": { Type: AWS::SNS::Topic } }]\n', /Fn::ForEach::Topics \(AWS::LanguageExtensions\) is not expanded/],
    ['DependsOn that is a mapping', 'Resources:\n  A:\n    Type: X::Y\n    DependsOn: { a: b }\n', /DependsOn takes a logical ID/],
    ['a template that is a list', '[1, 2]\n', /a template must be a mapping/],
    ['an output without Value', 'Resources: {}\nOutputs:\n  O: { Export: { Name: x } }\n', /output O has no Value/],
  ];
  for (const [name, text, message] of broken) {
    it(`${name} is a problem, not an exception`, () => {
      assert.match(problemMessages(resolveYaml(text)).join('\n'), message);
    });
  }

  it('an evaluation budget stops runaway work with one problem', () => {
    const items = Array.from({ length: 2000 }, (_, i) => `i${i}`).join(',');
    const refs = Array.from({ length: 2000 }, (_, i) => `      P${i}: !Ref Big\n`).join('');
    const t = resolveYaml(`Parameters:\n  Big: { Type: CommaDelimitedList, Default: '${items}' }\nResources:\n  A:\n    Type: X::Y\n    Properties:\n${refs}`);
    assert.deepEqual(problemMessages(t).filter((m) => /evaluation/.test(m)), ['the template takes more evaluation than any real template needs; what remains is left unknown']);
    assert.deepEqual(plain(propertyAt(t, 'A', 'P0')), plain(propertyAt(t, 'A', 'P1')));
    assert.equal(plain(propertyAt(t, 'A', 'P1999')), '?evaluation budget exhausted');
  });

  it('never throws on mangled templates', () => {
    const base = template.split('\n');
    let checked = 0;
    // Deleting or duplicating any single line, or cutting the text anywhere, must give a template or a located error.
    for (let i = 0; i < base.length; i++) {
      for (const text of [[...base.slice(0, i), ...base.slice(i + 1)].join('\n'), [...base.slice(0, i), base[i], ...base.slice(i)].join('\n'), template.slice(0, Math.floor((template.length * i) / base.length))]) {
        const result = parseTemplate('m.yaml', text);
        if (result.ok) resolveTemplate(result);
        else assert.ok(result.error.line >= 1 && result.error.column >= 1);
        checked++;
      }
    }
    assert.equal(checked, base.length * 3);
  });

  it('resolves a generated 1000-service template completely', () => {
    const resources: Record<string, unknown> = {
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
      SubnetA: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: { 'Fn::Select': [0, { 'Fn::Cidr': [{ 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }, 4, 12] }] } } },
    };
    for (let i = 0; i < 1000; i++) {
      resources[`Sg${i}`] = { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: { Ref: 'Vpc' }, SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, CidrIp: '10.0.0.0/16' }] } };
      resources[`Task${i}`] = { Type: 'AWS::ECS::TaskDefinition', Properties: { ContainerDefinitions: [{ Image: { 'Fn::Sub': `\${AWS::AccountId}.dkr.ecr.\${AWS::Region}.amazonaws.com/app:${i}` } }] } };
      resources[`Svc${i}`] = { Type: 'AWS::ECS::Service', Properties: { TaskDefinition: { Ref: `Task${i}` }, NetworkConfiguration: { AwsvpcConfiguration: { Subnets: [{ Ref: 'SubnetA' }], SecurityGroups: [{ 'Fn::GetAtt': [`Sg${i}`, 'GroupId'] }] } } } };
    }
    const p = parseTemplate('big.json', JSON.stringify({ Resources: resources }, null, 1));
    assert.ok(p.ok);
    const t = resolveTemplate(p);
    assert.equal(t.resources.size, 3002);
    assert.deepEqual([t.problems.length, t.unresolved.length], [0, 0]);
    assert.equal(plain(propertyAt(t, 'SubnetA', 'CidrBlock')), '10.0.0.0/20');
    assert.equal(plain(propertyAt(t, 'Svc999', 'NetworkConfiguration.AwsvpcConfiguration.SecurityGroups[0]')), '!GetAtt Sg999.GroupId');
  });
});

describe('resolveTemplates', () => {
  function all(files: Record<string, string>): Map<string, ReturnType<typeof resolveTemplate>> {
    const list = Object.entries(files).map(([file, text]) => parsed(text, file));
    return new Map(resolveTemplates(list).map((t) => [t.file, t]));
  }

  it('imports read the exports of other templates, references point into their file', () => {
    const out = all({
      'network.yaml': `Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  SubnetA: { Type: AWS::EC2::Subnet }
  SubnetB: { Type: AWS::EC2::Subnet }
Outputs:
  VpcId: { Value: !Ref Vpc, Export: { Name: network-vpc } }
  Cidr: { Value: !GetAtt Vpc.CidrBlock, Export: { Name: network-cidr } }
  Subnets: { Value: !Join [',', [!Ref SubnetA, !Ref SubnetB]], Export: { Name: network-subnets } }
`,
      'service.yaml': `Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      VpcId: !ImportValue network-vpc
      SecurityGroupIngress: [{ CidrIp: !ImportValue network-cidr }]
  Svc:
    Type: AWS::ECS::Service
    Properties:
      Subnets: !Split [',', !ImportValue network-subnets]
      Missing: !ImportValue nowhere
`,
    });
    const service = out.get('service.yaml')!;
    assert.equal(plain(propertyAt(service, 'Sg', 'VpcId')), '!Ref Vpc @network.yaml');
    assert.equal(plain(propertyAt(service, 'Sg', 'SecurityGroupIngress[0].CidrIp')), '10.0.0.0/16');
    assert.deepEqual(plain(propertyAt(service, 'Svc', 'Subnets')), ['!Ref SubnetA @network.yaml', '!Ref SubnetB @network.yaml']);
    assert.equal(plain(propertyAt(service, 'Svc', 'Missing')), '?Fn::ImportValue nowhere');
    assert.equal(propertyAt(service, 'Sg', 'VpcId')!.loc.path, 'Resources.Sg.Properties.VpcId');
  });

  it('export names built from the stack name match imports that name the stack, when only one template fits', () => {
    const exporter = `Resources:\n  Role: { Type: AWS::IAM::Role }\nOutputs:\n  R: { Value: !GetAtt Role.Arn, Export: { Name: !Join [':', [!Ref 'AWS::StackName', Role]] } }\n`;
    const importer = `Parameters:\n  StackName: { Type: String, Default: production }\nResources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ExecutionRoleArn: !ImportValue { 'Fn::Join': [':', [!Ref StackName, Role]] }\n`;
    const one = all({ 'net/public.yml': exporter, 'svc.yml': importer }).get('svc.yml')!;
    assert.equal(plain(propertyAt(one, 'Task', 'ExecutionRoleArn')), '!GetAtt Role.Arn @net/public.yml');
    const two = all({ 'net/public.yml': exporter, 'net/private.yml': exporter, 'svc.yml': importer }).get('svc.yml')!;
    assert.equal(plain(propertyAt(two, 'Task', 'ExecutionRoleArn')), '?Fn::ImportValue production:Role: exported by several scanned templates (net/public.yml, net/private.yml)');
  });

  it('an export name two stages share resolves to the one in the importer\'s account and region, when the assemblies pin both', () => {
    const exporter = `Resources:\n  Vpc: { Type: AWS::EC2::VPC }\nOutputs:\n  V: { Value: !Ref Vpc, Export: { Name: 'network:Vpc' } }\n`;
    const importer = `Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      VpcId: !ImportValue 'network:Vpc'\n`;
    const files = { 'prod/Network.template.json': exporter, 'staging/Network.template.json': exporter, 'prod/Api.template.json': importer, 'staging/Api.template.json': importer, 'agnostic/Api.template.json': importer };
    const list = Object.entries(files).map(([file, text]) => parsed(text, file));
    const environmentByFile = new Map([
      ['prod/Network.template.json', '111111111111/eu-west-1'],
      ['prod/Api.template.json', '111111111111/eu-west-1'],
      ['staging/Network.template.json', '222222222222/eu-west-1'],
      ['staging/Api.template.json', '222222222222/eu-west-1'],
    ]);
    const out = new Map(resolveTemplates(list, { environmentByFile }).map((t) => [t.file, t]));
    assert.equal(plain(propertyAt(out.get('prod/Api.template.json')!, 'Sg', 'VpcId')), '!Ref Vpc @prod/Network.template.json');
    assert.equal(plain(propertyAt(out.get('staging/Api.template.json')!, 'Sg', 'VpcId')), '!Ref Vpc @staging/Network.template.json');
    assert.match(String(plain(propertyAt(out.get('agnostic/Api.template.json')!, 'Sg', 'VpcId'))), /exported by several scanned templates/, 'an importer of no pinned environment may deploy to either');
    const unpinned = new Map(resolveTemplates(list).map((t) => [t.file, t]));
    assert.match(String(plain(propertyAt(unpinned.get('prod/Api.template.json')!, 'Sg', 'VpcId'))), /exported by several scanned templates/, 'without environments, still ambiguous');
  });

  it('nested stacks get the parameters their parent passes, parents read child outputs (SAM Location)', () => {
    const out = all({
      'app/parent.yml': `Transform: AWS::Serverless-2016-10-31
Resources:
  VpcStack:
    Type: AWS::Serverless::Application
    Properties: { Location: vpc.yml }
  ServiceStack:
    Type: AWS::Serverless::Application
    Properties:
      Location: ./nested/service.yml
      Parameters:
        VpcId: !GetAtt VpcStack.Outputs.VpcId
        SubnetIds: !GetAtt VpcStack.Outputs.SubnetIds
        Image: nginx
Outputs:
  Sg: { Value: !GetAtt ServiceStack.Outputs.Sg }
`,
      'app/vpc.yml': `Resources:
  Vpc: { Type: AWS::EC2::VPC }
  A: { Type: AWS::EC2::Subnet }
  B: { Type: AWS::EC2::Subnet }
Outputs:
  VpcId: { Value: !Ref Vpc }
  SubnetIds: { Value: !Join [',', [!Ref A, !Ref B]] }
`,
      'app/nested/service.yml': `Parameters:
  VpcId: { Type: AWS::EC2::VPC::Id }
  SubnetIds: { Type: 'List<AWS::EC2::Subnet::Id>' }
  Image: { Type: String }
Resources:
  Sg: { Type: AWS::EC2::SecurityGroup, Properties: { VpcId: !Ref VpcId } }
  Svc:
    Type: AWS::ECS::Service
    Properties:
      Subnets: !Ref SubnetIds
      First: !Select [0, !Ref SubnetIds]
      Image: !Ref Image
Outputs:
  Sg: { Value: !Ref Sg }
`,
    });
    const service = out.get('app/nested/service.yml')!;
    assert.equal(plain(propertyAt(service, 'Sg', 'VpcId')), '!Ref Vpc @app/vpc.yml');
    assert.deepEqual(plain(propertyAt(service, 'Svc', 'Subnets')), ['!Ref A @app/vpc.yml', '!Ref B @app/vpc.yml']);
    assert.equal(plain(propertyAt(service, 'Svc', 'First')), '!Ref A @app/vpc.yml');
    assert.equal(plain(propertyAt(service, 'Svc', 'Image')), 'nginx');
    assert.deepEqual(service.unresolved, []);
    const parent = out.get('app/parent.yml')!;
    assert.deepEqual(parent.problems, []);
  });

  it('plain CloudFormation nested stacks are found by the tail of their TemplateURL', () => {
    const out = all({
      'refarch/master.yaml': `Resources:
  VPC:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://s3.amazonaws.com/bucket/infrastructure/vpc.yaml
      Parameters: { VpcCIDR: 10.180.0.0/16 }
`,
      'refarch/infrastructure/vpc.yaml': `Parameters:\n  VpcCIDR: { Type: String }\nResources:\n  VPC: { Type: AWS::EC2::VPC, Properties: { CidrBlock: !Ref VpcCIDR } }\n`,
      'other/vpc.yaml': `Parameters:\n  VpcCIDR: { Type: String }\nResources:\n  VPC: { Type: AWS::EC2::VPC, Properties: { CidrBlock: !Ref VpcCIDR } }\n`,
    });
    assert.equal(plain(propertyAt(out.get('refarch/infrastructure/vpc.yaml')!, 'VPC', 'CidrBlock')), '10.180.0.0/16');
    assert.equal(plain(propertyAt(out.get('other/vpc.yaml')!, 'VPC', 'CidrBlock')), '?parameter VpcCIDR has no default');
  });

  it('templates that import from each other in a cycle still finish', () => {
    const a = `Resources:\n  X: { Type: AWS::SNS::Topic }\nOutputs:\n  O: { Value: !ImportValue from-b, Export: { Name: from-a } }\n`;
    const b = `Resources:\n  Y: { Type: AWS::SNS::Topic }\nOutputs:\n  O: { Value: !ImportValue from-a, Export: { Name: from-b } }\n`;
    const out = all({ 'a.yaml': a, 'b.yaml': b });
    assert.equal(out.size, 2);
    assert.match(String(plain(out.get('a.yaml')!.exports.get('from-a'))), /^\?Fn::ImportValue from-[ab]$/);
  });

  it('keeps the order of its input and resolves templates that use nothing of the others as resolveTemplate does', () => {
    const files = ['z.yaml', 'a.yaml', 'm.yaml'];
    const list: ParsedTemplate[] = files.map((f) => parsed(`Resources:\n  B: { Type: AWS::S3::Bucket, Properties: { BucketName: !Sub '\${AWS::StackName}-${f}' } }\n`, f));
    const out = resolveTemplates(list);
    assert.deepEqual(out.map((t) => t.file), files);
    assert.deepEqual(out.map((t) => plain(propertyAt(t, 'B', 'BucketName'))), list.map((p) => plain(propertyAt(resolveTemplate(p), 'B', 'BucketName'))));
  });

  it('objects with the same keys stay independent when one of them is changed', () => {
    const text = JSON.stringify({
      Resources: {
        A: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'a', DisplayName: 'A' } },
        B: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'b', DisplayName: 'B' } },
      },
    });
    const resolved = resolveTemplate(parsed(text, 'same-keys.json'));
    const a = resolved.resources.get('A')!.properties.entries as Map<string, unknown>;
    const b = resolved.resources.get('B')!.properties.entries as Map<string, unknown>;
    a.set('FifoTopic', a.get('TopicName'));
    assert.deepEqual([...a.keys()], ['TopicName', 'DisplayName', 'FifoTopic']);
    assert.deepEqual([...b.keys()], ['TopicName', 'DisplayName']);
  });
});
