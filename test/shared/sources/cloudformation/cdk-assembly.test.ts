import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  environmentPseudoParameters, matchNestedTemplate, nestedStackLinks, nestedStackParameters, normalizePath, readCloudAssembly, userSourceLocation,
} from '../../../../src/shared/sources/cloudformation/cdk-assembly.ts';
import type { CloudAssembly } from '../../../../src/shared/sources/cloudformation/cdk-assembly.ts';
import { resolveTemplate, resolveTemplates } from '../../../../src/shared/sources/cloudformation/resolve.ts';
import { parsed, plain, propertyAt } from '../../../support/cloudformation.ts';

const cdkOut = fileURLToPath(new URL('../../../fixtures/cdk/cdk.out/', import.meta.url));
const read = (rel: string): string | undefined => {
  try {
    return readFileSync(cdkOut + rel, 'utf8');
  } catch {
    return undefined;
  }
};

function assembly(): CloudAssembly {
  const result = readCloudAssembly(read('manifest.json')!, read);
  assert.ok(!('error' in result), 'error' in result ? result.error : '');
  return result;
}

describe('readCloudAssembly', () => {
  it('lists the stacks, including those of nested assemblies (stages)', () => {
    const { stacks, version } = assembly();
    assert.equal(version, '39.0.0');
    assert.deepEqual(stacks.map((s) => [s.artifactId, s.stackName, s.templateFile]), [
      ['Network', 'Network', 'Network.template.json'],
      ['Service', 'prod-service', 'Service.template.json'],
      ['ProdApi', 'Prod-Api', 'assembly-Prod/ProdApi.template.json'],
    ]);
    const service = stacks[1]!;
    assert.deepEqual(service.dependencies, ['Network', 'Service.assets']);
    assert.deepEqual(service.parameters, { BootstrapVersion: '/cdk-bootstrap/hnb659fds/version' });
    assert.equal(service.environment, 'aws://123456789012/eu-west-1');
    assert.equal(stacks[2]!.displayName, 'Prod/Api');
  });

  it('maps logical IDs to construct paths from inline metadata and from the metadata side file', () => {
    const [network, service, prod] = assembly().stacks;
    assert.deepEqual([...network!.constructPaths], [
      ['Vpc8378EB38', 'Network/Vpc/Resource'],
      ['VpcPrivateSubnet1Subnet536B997A', 'Network/Vpc/PrivateSubnet1/Subnet'],
      ['ExportsOutputRefVpc8378EB38', 'Network/ExportsOutputRefVpc8378EB38'],
    ]);
    assert.equal(service!.constructPaths.get('TaskRole30FC0FBB'), 'Service/TaskRole/Resource');
    assert.equal(prod!.constructPaths.get('Bucket83908E77'), 'Prod/Api/Bucket/Resource');
  });

  it('keeps creation stacks from logical-ID traces and from aws:cdk:creationStack entries of the parent construct', () => {
    const [network, service] = assembly().stacks;
    const vpcTrace = network!.creationStacks.get('Vpc8378EB38')!;
    assert.equal(vpcTrace.length, 2);
    assert.deepEqual(userSourceLocation(vpcTrace), { file: '/app/lib/network.ts', line: 12, column: 17 });
    assert.deepEqual(userSourceLocation(service!.creationStacks.get('TaskRole30FC0FBB')!), { file: '/app/lib/service.ts', line: 30, column: 22 });
    assert.deepEqual(userSourceLocation(['at new ApiStack (file:///app/lib/api.mts:7:3)']), { file: '/app/lib/api.mts', line: 7, column: 3 }, 'ESM frames name files as URLs');
    assert.equal(network!.creationStacks.has('VpcPrivateSubnet1Subnet536B997A'), false);
  });

  it('turns a pinned environment into pseudo parameter values for the resolver', () => {
    const [network, service] = assembly().stacks;
    assert.deepEqual(environmentPseudoParameters(network!.environment), {});
    assert.deepEqual(environmentPseudoParameters(service!.environment), { 'AWS::AccountId': '123456789012', 'AWS::Region': 'eu-west-1' });
    assert.deepEqual(environmentPseudoParameters('aws://123456789012/unknown-region'), { 'AWS::AccountId': '123456789012' });
    assert.deepEqual(environmentPseudoParameters(undefined), {});
    const files = ['Network.template.json'];
    const [resolved] = resolveTemplates(files.map((f) => parsed(read(f)!, f)), { pseudoParametersByFile: new Map([['Network.template.json', { 'AWS::Region': 'eu-west-1' }]]) });
    assert.equal(plain(propertyAt(resolved!, 'VpcPrivateSubnet1Subnet536B997A', 'AvailabilityZone')), '~${AZ[0]}');
  });

  it('names the nested stack templates a stack refers to', () => {
    const [, service] = assembly().stacks;
    assert.deepEqual(service!.nestedTemplates, ['ServiceWorkers0F1E2D3C.nested.template.json']);
  });

  it('refuses paths that leave the assembly, and says so', () => {
    const { stacks, warnings } = assembly();
    assert.ok(!stacks.some((s) => s.artifactId === 'Escape'));
    assert.deepEqual(warnings, ['stack Escape: templateFile is missing or leaves the assembly']);
    const asked: string[] = [];
    const sneaky = readCloudAssembly(JSON.stringify({ version: '1', artifacts: { S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' }, additionalMetadataFile: '/etc/passwd' } } }), (rel) => {
      asked.push(rel);
      return undefined;
    });
    assert.deepEqual(asked, ['S.template.json']);
    assert.ok(!('error' in sneaky) && sneaky.warnings.some((w) => /additionalMetadataFile leaves the assembly/.test(w)));
  });

  it('reports missing side files as warnings and keeps going', () => {
    const manifest = JSON.stringify({ version: '1', artifacts: { S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' }, additionalMetadataFile: 'S.metadata.json' } } });
    const result = readCloudAssembly(manifest, () => undefined);
    assert.ok(!('error' in result));
    assert.equal(result.stacks.length, 1);
    assert.deepEqual(result.warnings, ['stack S: S.metadata.json could not be read']);
  });

  const bad: [string, RegExp][] = [
    ['not json', /not valid JSON/],
    ['[]', /no "version"/],
    ['{"version": "1", "artifacts": []}', /"artifacts" is not an object/],
  ];
  for (const [text, message] of bad) {
    it(`refuses the manifest ${text}`, () => {
      const result = readCloudAssembly(text, () => undefined);
      assert.ok('error' in result);
      assert.match(result.error, message);
    });
  }

  it('a reader that throws is a warning, not a crash', () => {
    const manifest = JSON.stringify({ version: '1', artifacts: { S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' }, additionalMetadataFile: 'S.metadata.json' } } });
    const result = readCloudAssembly(manifest, () => {
      throw new Error('EACCES');
    });
    assert.ok(!('error' in result));
    assert.equal(result.stacks.length, 1);
    assert.deepEqual(result.warnings, ['S.metadata.json: EACCES', 'stack S: S.metadata.json could not be read', 'S.template.json: EACCES']);
  });

  it('stops at a nested assembly that nests itself', () => {
    const manifest = JSON.stringify({ version: '1', artifacts: { Loop: { type: 'cdk:cloud-assembly', properties: { directoryName: 'a' } } } });
    const result = readCloudAssembly(manifest, () => manifest);
    assert.ok(!('error' in result));
    assert.ok(result.warnings.some((w) => /nested more than 8 levels/.test(w)));
  });
});

describe('nested stacks', () => {
  it('nestedStackParameters gives what a CDK parent passes, with references into the parent file', () => {
    const parent = resolveTemplate(parsed(read('Service.template.json')!, 'cdk.out/Service.template.json'));
    const params = nestedStackParameters(parent, 'cdk.out/ServiceWorkers0F1E2D3C.nested.template.json');
    assert.ok(params);
    assert.deepEqual(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, plain(v)])), {
      referencetoServiceTaskRole30FC0FBBArn: '!GetAtt TaskRole30FC0FBB.Arn @cdk.out/Service.template.json',
      referencetoServiceVpcRef: '?Fn::ImportValue Network:ExportsOutputRefVpc8378EB38',
    });
    assert.equal(nestedStackParameters(parent, 'cdk.out/Other.nested.template.json'), undefined);
  });

  it('resolveTemplates over a cloud assembly links stacks, exports and nested stacks', () => {
    const files = ['Network.template.json', 'Service.template.json', 'ServiceWorkers0F1E2D3C.nested.template.json'];
    const out = new Map(resolveTemplates(files.map((f) => parsed(read(f)!, `cdk.out/${f}`))).map((t) => [t.file, t]));
    const nested = out.get('cdk.out/ServiceWorkers0F1E2D3C.nested.template.json')!;
    assert.equal(plain(propertyAt(nested, 'WorkerSg1A2B3C4D', 'VpcId')), '!Ref Vpc8378EB38 @cdk.out/Network.template.json');
    assert.equal(plain(propertyAt(nested, 'WorkerTask5E6F7A8B', 'TaskRoleArn')), '!GetAtt TaskRole30FC0FBB.Arn @cdk.out/Service.template.json');
    assert.deepEqual(nested.unresolved, []);
    const network = out.get('cdk.out/Network.template.json')!;
    assert.equal(plain(propertyAt(network, 'VpcPrivateSubnet1Subnet536B997A', 'CidrBlock')), '10.0.0.0/24');
  });

  it('links name their child by asset path, relative path or URL', () => {
    const parent = resolveTemplate(parsed(`Resources:
  Cdk:
    Type: AWS::CloudFormation::Stack
    Metadata: { 'aws:asset:path': Child.nested.template.json }
    Properties: { TemplateURL: https://example.com/x.json }
  Relative:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: ../shared/vpc.yml, Parameters: { A: b } }
  Url:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: 'https://s3.amazonaws.com/bucket/infra/db.yaml' }
  Sam:
    Type: AWS::Serverless::Application
    Properties: { Location: svc.yml }
  SamRepo:
    Type: AWS::Serverless::Application
    Properties: { Location: { ApplicationId: arn, SemanticVersion: 1.0.0 } }
  Bucket:
    Type: AWS::S3::Bucket
`, 'repo/app/parent.yml'));
    const links = nestedStackLinks(parent);
    assert.deepEqual(links.map((l) => [l.logicalId, l.kind, l.location]), [
      ['Cdk', 'asset', 'Child.nested.template.json'],
      ['Relative', 'relative', '../shared/vpc.yml'],
      ['Url', 'url', 'https://s3.amazonaws.com/bucket/infra/db.yaml'],
      ['Sam', 'relative', 'svc.yml'],
    ]);
    const candidates = ['repo/app/Child.nested.template.json', 'repo/shared/vpc.yml', 'repo/infra/db.yaml', 'repo/app/svc.yml', 'elsewhere/svc.yml'];
    assert.deepEqual(links.map((l) => matchNestedTemplate('repo/app/parent.yml', l, candidates)), candidates.slice(0, 4));
    // Two files with the same tail are ambiguous; a bare file name far from the parent is not enough.
    assert.equal(matchNestedTemplate('repo/app/parent.yml', links[2]!, ['a/infra/db.yaml', 'b/infra/db.yaml']), undefined);
    assert.equal(matchNestedTemplate('repo/app/parent.yml', links[2]!, ['other/db.yaml']), undefined);
    assert.equal(matchNestedTemplate('repo/app/parent.yml', links[2]!, ['repo/app/db.yaml']), 'repo/app/db.yaml');
  });

  it('normalizes paths the way the I/O layer writes them', () => {
    assert.equal(normalizePath('a/./b/../c//d'), 'a/c/d');
    assert.equal(normalizePath('a\\b\\c.yml'), 'a/b/c.yml');
    assert.equal(normalizePath('../x/y'), '../x/y');
    assert.equal(normalizePath('/abs/../x'), '/x');
  });
});

describe('nested stacks built from one construct class', () => {
  // Both nested templates declare `Service1A2B3C4D`: only the nested stack's own part of the
  // parent's metadata says which construct each one is.
  const manifest = JSON.stringify({
    version: '36.0.0',
    artifacts: {
      Parent: {
        type: 'aws:cloudformation:stack',
        properties: { templateFile: 'Parent.template.json' },
        metadata: {
          '/Parent/Blue.NestedStack/Blue.NestedStackResource': [{ type: 'aws:cdk:logicalId', data: 'BlueNestedStackBlueNestedStackResource0A1B2C3D' }],
          '/Parent/Green.NestedStack/Green.NestedStackResource': [{ type: 'aws:cdk:logicalId', data: 'GreenNestedStackGreenNestedStackResource4E5F6A7B' }],
          '/Parent/Blue/Service/Service': [{ type: 'aws:cdk:logicalId', data: 'Service1A2B3C4D' }],
          '/Parent/Green/Service/Service': [{ type: 'aws:cdk:logicalId', data: 'Service1A2B3C4D' }],
        },
      },
    },
  });
  const parent = JSON.stringify({
    Resources: {
      BlueNestedStackBlueNestedStackResource0A1B2C3D: { Type: 'AWS::CloudFormation::Stack', Metadata: { 'aws:asset:path': 'ParentBlue11111111.nested.template.json' } },
      GreenNestedStackGreenNestedStackResource4E5F6A7B: { Type: 'AWS::CloudFormation::Stack', Metadata: { 'aws:asset:path': 'ParentGreen22222222.nested.template.json' } },
    },
  });

  it('gives each nested template the construct paths under its own nested stack', () => {
    const read = readCloudAssembly(manifest, (rel) => (rel === 'Parent.template.json' ? parent : undefined));
    assert.ok(!('error' in read));
    const [stack] = read.stacks;
    assert.equal(stack!.nested.get('ParentBlue11111111.nested.template.json')?.constructPaths.get('Service1A2B3C4D'), 'Parent/Blue/Service/Service');
    assert.equal(stack!.nested.get('ParentGreen22222222.nested.template.json')?.constructPaths.get('Service1A2B3C4D'), 'Parent/Green/Service/Service');
    assert.equal(stack!.constructPaths.get('Service1A2B3C4D'), 'Parent/Blue/Service/Service', 'the stack-wide map keeps the first');
  });
});
