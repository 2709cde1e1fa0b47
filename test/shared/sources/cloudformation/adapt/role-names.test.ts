import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig } from '../../../../../src/shared/config/index.ts';
import { scan } from '../../../../../src/shared/engine.ts';
import { roleNameOf } from '../../../../../src/shared/sources/cloudformation/adapt/role-names.ts';
import { analysisDeps } from '../../../diff/support.ts';

const template = (taskRoleArn: string, roleName = 'app-task-role'): string => `Resources:
  TaskRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: ${roleName}
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: ecs-tasks.amazonaws.com}, Action: sts:AssumeRole}]
      Policies:
        - PolicyName: app
          PolicyDocument:
            Statement: [{Effect: Allow, Action: s3:DeleteObject, Resource: 'arn:aws:s3:::docs/*'}]
  TaskDef:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      Cpu: '256'
      Memory: '512'
      TaskRoleArn: ${taskRoleArn}
      ContainerDefinitions: [{Name: app, Image: public.ecr.aws/docker/library/nginx:1.27}]
  Service:
    Type: AWS::ECS::Service
    Properties:
      ServiceName: app
      LaunchType: FARGATE
      TaskDefinition: !Ref TaskDef
      NetworkConfiguration: {AwsvpcConfiguration: {Subnets: [subnet-1], AssignPublicIp: DISABLED}}
`;

const taskRoleOf = (files: { path: string; text: string }[]): string | undefined => scan(files, analysisDeps(), defaultConfig()).posture.services[0]?.taskRoleId;

describe('a task role named by its name or ARN (linkRolesByName)', () => {
  it('reads the role name from a name or a role ARN, path and placeholders included', () => {
    assert.equal(roleNameOf('app-task-role'), 'app-task-role');
    assert.equal(roleNameOf('arn:aws:iam::111122223333:role/app-task-role'), 'app-task-role');
    assert.equal(roleNameOf('arn:aws:iam::${AWS::AccountId}:role/teams/orders/app-task-role'), 'app-task-role');
    assert.equal(roleNameOf('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/app-task-role'), 'app-task-role');
    assert.equal(roleNameOf('arn:aws:iam::111122223333:user/app-task-role'), undefined);
    assert.equal(roleNameOf('arn:aws:iam::${Account}:role/${Name}'), undefined);
  });

  for (const [how, ref] of [
    ['its name', 'app-task-role'],
    ['its ARN', 'arn:aws:iam::111122223333:role/app-task-role'],
    ['a !Sub of its ARN', "!Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/app-task-role'"],
  ] as const) {
    it(`by ${how}: the scanned role of that name, with its permissions`, () => {
      const result = scan([{ path: 'app.yaml', text: template(ref) }], analysisDeps(), defaultConfig());
      const service = result.posture.services[0]!;
      assert.equal(service.taskRoleId, 'app.yaml#TaskRole');
      assert.ok(result.posture.permissions.get('app.yaml#TaskRole')?.grants.some((g) => g.action === 's3:DeleteObject'));
    });
  }

  it('a name no scanned role has stays outside the files', () => {
    assert.equal(taskRoleOf([{ path: 'app.yaml', text: template('other-role') }]), 'other-role');
  });

  it('a name two files give their roles: the task definition’s own file decides, else it stays outside', () => {
    const other = template('app-task-role').replace('ServiceName: app', 'ServiceName: other');
    assert.equal(taskRoleOf([{ path: 'app.yaml', text: template('app-task-role') }, { path: 'other.yaml', text: other }]), 'app.yaml#TaskRole');
    const roleOnly = (path: string) => ({ path, text: template('x').split('  TaskDef:')[0]! });
    const service = { path: 'service.yaml', text: template('app-task-role', 'unrelated').replace(/ {2}TaskRole:[\s\S]*?(?= {2}TaskDef:)/, '') };
    assert.equal(taskRoleOf([roleOnly('a.yaml'), service]), 'a.yaml#TaskRole', 'one role of that name in another file');
    assert.equal(taskRoleOf([roleOnly('a.yaml'), roleOnly('b.yaml'), service]), 'app-task-role', 'two: which one is not known');
  });
});
