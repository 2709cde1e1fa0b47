// A task role whose grants differ by an undecided Fn::FindInMap key or Fn::If condition: FW102,
// FW103 and FW104 say which outcome each grant belongs to, worded as FW101 words it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultConfig } from '../../../../src/shared/config/index.ts';
import { scan } from '../../../../src/shared/engine.ts';
import { loadIamCatalog } from '../../../../src/shared/io/iam-catalog.ts';
import { loadManagedPolicies } from '../../../../src/shared/io/managed-policies.ts';

const FIXTURE = readFileSync(resolve(import.meta.dirname, '../../../fixtures/cfn/iam-grants-by-outcome.yaml'), 'utf8');
const run = (path: string, text: string) => scan([{ path, text }], { catalog: loadIamCatalog(), managedPolicies: loadManagedPolicies() }, defaultConfig());

describe('IAM findings on grants that differ by outcome', () => {
  const { findings } = run('iam-grants-by-outcome.yaml', FIXTURE);
  const message = (ruleId: string) => findings.find((f) => f.ruleId === ruleId)?.message ?? '';

  it('FW102 names the Fn::If outcome that grants iam:PassRole', () => {
    assert.match(message('FW102'), /through iam:PassRole on every role \(only when Condition IsProd is true\) \(paths: PassAnyRole\)/);
  });

  it('FW103 names the Env of each action on Resource "*", counting actions once', () => {
    assert.match(message('FW103'), /allows 2 action\(s\) on Resource "\*" that can be limited to specific ARNs: s3:PutObject \(Write; only when Env is prod\), s3:GetObject \(Read; only when Env is dev\)\./);
  });

  it('FW104 names the Env of each wildcard', () => {
    assert.match(message('FW104'), /by wildcard: sqs:\* \(only when Env is dev\), dynamodb:\* \(only when Env is prod\)\./);
  });

  it('a map key named true or false is that key, not a condition outcome', () => {
    const text = FIXTURE.replace(/^ {4}AllowedValues: \[dev, prod\]$/m, "    AllowedValues: ['true', 'false']")
      .replace(/^ {4}dev:$/m, "    'false':")
      .replace(/^ {4}prod:$/m, "    'true':");
    const fw103 = run('keyed-true-false.yaml', text).findings.find((f) => f.ruleId === 'FW103')?.message ?? '';
    assert.match(fw103, /s3:PutObject \(Write; only when Env is true\), s3:GetObject \(Read; only when Env is false\)\./);
  });
});

describe('FW102 paths under outcomes', () => {
  // CodeStar's CreateProject + AssociateTeamMember is a path only when one deployment grants both.
  const template = (dev: string, prod: string) => [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Parameters:',
    '  Env: {Type: String, AllowedValues: [dev, prod]}',
    'Mappings:',
    '  Grants:',
    `    dev: {Actions: [${dev}]}`,
    `    prod: {Actions: [${prod}]}`,
    'Resources:',
    '  TaskRole:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
    '      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ecs-tasks.amazonaws.com}, Action: sts:AssumeRole}]}',
    '      Policies:',
    '        - PolicyName: by-env',
    "          PolicyDocument: {Statement: [{Effect: Allow, Action: !FindInMap [Grants, !Ref Env, Actions], Resource: '*'}]}",
    '  TaskDef:',
    '    Type: AWS::ECS::TaskDefinition',
    "    Properties: {NetworkMode: awsvpc, RequiresCompatibilities: [FARGATE], Cpu: '256', Memory: '512', TaskRoleArn: !GetAtt TaskRole.Arn, ContainerDefinitions: [{Name: app, Image: nginx}]}",
    '  Service:',
    '    Type: AWS::ECS::Service',
    '    Properties: {LaunchType: FARGATE, TaskDefinition: !Ref TaskDef, NetworkConfiguration: {AwsvpcConfiguration: {Subnets: [subnet-1]}}}',
    '',
  ].join('\n');
  const fw102 = (text: string) => run('paths.yaml', text).findings.filter((f) => f.ruleId === 'FW102').map((f) => f.message);

  it('parts granted under different keys are no path: no deployment has both', () => {
    assert.deepEqual(fw102(template('codestar:AssociateTeamMember', 'codestar:CreateProject')), []);
  });

  it('parts granted under one key are a path there', () => {
    const messages = fw102(template('s3:GetObject', 'codestar:CreateProject, codestar:AssociateTeamMember'));
    assert.equal(messages.length, 1);
    assert.match(messages[0]!, /CodeStarCreateProjectThenAssociateTeamMember/);
    assert.match(messages[0]!, /only when Env is prod/);
  });
});
