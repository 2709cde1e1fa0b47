import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { looksLikeCloudFormation } from '../../../../src/shared/sources/cloudformation/detect.ts';

describe('looksLikeCloudFormation', () => {
  const templates: [string, string][] = [
    ['stack.yaml', "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n"],
    ['stack.yml', 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n'],
    ['stack.yml', 'Resources:\n  Bucket:\n    Type: "AWS::S3::Bucket"\n'],
    ['sam.yaml', 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n'],
    ['custom.yaml', 'Resources:\n  Thing:\n    Type: Custom::Thing\n'],
    ['stack.json', '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}'],
    ['cdk.out/App.template.json', '{\n "Resources": {\n  "Vpc8378EB38": {\n   "Type": "AWS::EC2::VPC"\n  }\n }\n}'],
    ['cdk.out/App.template.json', '{"Resources":{"V":{"Type":"AWS::EC2::VPC"}}}'],
    ['cdk.out/AppNestedStack1A2B3C.nested.template.json', '{"Resources":{"V":{"Type":"AWS::EC2::VPC"}}}'],
    ['infra/vpc.template', '{"Resources":{"V":{"Type":"AWS::EC2::VPC"}}}'],
    ['C:\\repo\\stack.YAML', 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n'],
  ];
  for (const [path, text] of templates) {
    it(`accepts ${path}`, () => assert.equal(looksLikeCloudFormation(path, text), true));
  }

  const others: [string, string][] = [
    ['package.json', '{"name": "x", "AWSTemplateFormatVersion": "nope", "Resources": {"Type": "AWS::x"}}'],
    ['tsconfig.json', '{"compilerOptions": {}}'],
    ['tsconfig.build.json', '{"Resources": {"a": {"Type": "AWS::S3::Bucket"}}}'],
    ['cdk.json', '{"app": "npx ts-node bin/app.ts", "context": {"Type": "AWS::x"}}'],
    ['cdk.out/manifest.json', '{"version": "36.0.0", "artifacts": {"App": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "App.template.json"}}}}'],
    ['cdk.out/tree.json', '{"tree": {"children": {"Resource": {"attributes": {"aws:cdk:cloudformation:type": "AWS::EC2::VPC"}}}}}'],
    ['cdk.out/App.assets.json', '{"version": "36.0.0", "files": {}, "Resources": {"x": {"Type": "AWS::S3::Bucket"}}}'],
    ['cdk.out/App.metadata.json', '{"/App/Vpc/Resource": [{"type": "aws:cdk:logicalId", "data": "Vpc8378EB38"}]}'],
    ['.github/workflows/deploy.yml', 'on: push\njobs:\n  deploy:\n    steps:\n      - run: aws cloudformation deploy\n'],
    ['ci/deploy.yml', 'on:\n  push: {}\njobs:\n  d:\n    runs-on: x\n    steps:\n      - run: |\n          cat > t.yml <<EOF\nResources:\n  B:\n    Type: AWS::S3::Bucket\nEOF\n'],
    ['k8s/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n'],
    ['k8s/crd.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  template: |\n    Resources:\n      B:\n        Type: AWS::S3::Bucket\n'],
    ['docker-compose.yml', 'services:\n  web:\n    image: nginx\n'],
    ['serverless.yml', 'service: x\nresources:\n  Resources:\n    B:\n      Type: AWS::S3::Bucket\n'],
    ['notes.md', 'AWSTemplateFormatVersion: 2010-09-09\nResources:\n'],
    ['main.tf', 'resource "aws_s3_bucket" "b" {}\n'],
    ['task-definition.json', '{"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx"}]}'],
    ['values.yaml', 'image:\n  repository: nginx\n'],
    ['README.yaml', 'text: This mentions Resources and AWS:: but is not a template\n'],
  ];
  for (const [path, text] of others) {
    it(`rejects ${path}`, () => assert.equal(looksLikeCloudFormation(path, text), false));
  }
});
