import type { Service, TaskDefinition } from '../../model/index.ts';
import type { Rule } from '../types.ts';
import {
  declaredIn, formatList, roleAllows, sameThing, secretLookup, secretNeeds, servicesRunning, singleServiceKey, usersLabel, type SecretNeed,
} from './shared.ts';
import { secretReadFix } from '../../fixes/builders/iam.ts';

/**
 * Why a task definition needs an execution role at all. Secrets, private-registry credentials and
 * environment files need one on any launch type; on Fargate, private ECR images and the awslogs
 * driver need one too (on EC2 the instance role can do those).
 */
function startupNeeds(td: TaskDefinition, services: readonly Service[]): string[] {
  const fargate = td.requiresCompatibilities.some((c) => c.toUpperCase() === 'FARGATE') || services.some((s) => s.fargate === true);
  const reasons: string[] = [];
  const secrets = td.containers.flatMap((c) => c.secrets.map((s) => s.name));
  if (secrets.length > 0) reasons.push(`secrets (${formatList(secrets, 4)})`);
  if (td.containers.some((c) => c.repositoryCredentials !== undefined)) reasons.push('private registry credentials');
  if (td.containers.some((c) => c.environmentFiles.length > 0)) reasons.push('environment files from S3');
  if (fargate) {
    const ecr = td.containers.filter((c) => c.registry === 'ecr-private').map((c) => c.name);
    if (ecr.length > 0) reasons.push(`private ECR images (${formatList(ecr, 4)})`);
    const awslogs = td.containers.filter((c) => c.logDriver?.known === true && c.logDriver.value === 'awslogs').map((c) => c.name);
    if (awslogs.length > 0) reasons.push(`the awslogs log driver (${formatList(awslogs, 4)})`);
  }
  return reasons;
}

function describeNeed(n: SecretNeed): string {
  const where = n.ref.valueFrom.known ? n.ref.valueFrom.value : 'an unresolved reference';
  return `${n.label} (${n.action} on ${where})`;
}

export const rule: Rule = {
  meta: {
    id: 'FW107',
    severity: 'high',
    area: 'iam',
    title: 'Execution role cannot read a referenced secret, or is missing: tasks fail to start',
    description:
      'Finds task definitions whose execution role clearly lacks the permission to read a secret a container references ' +
      '(secretsmanager:GetSecretValue on the secret for Secrets Manager, ssm:GetParameters on the parameter for Parameter ' +
      'Store), and task definitions with no execution role although they need one (secrets, private registry credentials, ' +
      'environment files, and on Fargate private ECR images or awslogs). The ECS agent reads these with the execution role ' +
      'before any container starts, so the tasks never start. Roles whose permissions are not fully known, and references ' +
      'that cannot be resolved, are not judged.',
    messages: {
      cannotRead:
        'Execution role {{role}} cannot read {{secrets}}, referenced by task definition {{taskDefinition}}: the ECS agent ' +
        'fetches them with this role before the containers start, so tasks of {{users}} fail with ResourceInitializationError. ' +
        'Allow {{actions}} on these secrets in the execution role (plus kms:Decrypt when a customer managed key encrypts them).',
      noRole:
        'Task definition {{taskDefinition}} has no execution role but needs one for {{reasons}}: tasks of {{users}} cannot ' +
        'start. Add an ExecutionRoleArn whose role trusts ecs-tasks.amazonaws.com and has AmazonECSTaskExecutionRolePolicy ' +
        'plus read access to the referenced secrets.',
    },
    fixable: true,
  },
  check(ctx, report) {
    const { infra } = ctx.posture;
    // A resource policy on a secret can grant the read by itself; we do not model them, so do not judge.
    let secretPolicies: boolean | undefined;
    const hasSecretPolicies = (): boolean => (secretPolicies ??= infra.resources.some((r) => r.type === 'AWS::SecretsManager::ResourcePolicy'));
    const lookup = secretLookup(ctx);
    for (const td of infra.taskDefinitions) {
      if (td.executionRole === undefined) {
        const services = servicesRunning(ctx, td);
        const reasons = startupNeeds(td, services);
        if (reasons.length > 0) {
          report({
            messageId: 'noRole',
            data: { taskDefinition: td.logicalId, users: usersLabel(services, [td]), reasons: formatList(reasons, 5) },
            entity: td,
            service: singleServiceKey(services),
          });
        }
        continue;
      }
      const role = ctx.index.role(td.executionRole);
      const perms = role === undefined ? undefined : ctx.posture.permissions.get(role.id);
      if (role === undefined || perms === undefined) continue;
      const isDeclared = declaredIn(ctx, role.file);
      const missing = secretNeeds(td, lookup).filter((n) => {
        if (n.arns === undefined || (n.store === 'secretsmanager' && hasSecretPolicies())) return false;
        const byReference = roleAllows(perms, n.action, n.arns, isDeclared);
        return sameThing(byReference, n.named === undefined ? undefined : roleAllows(perms, n.action, n.named, isDeclared)) === 'no';
      });
      if (missing.length === 0) continue;
      const services = servicesRunning(ctx, td);
      report({
        messageId: 'cannotRead',
        data: {
          role: role.logicalId,
          taskDefinition: td.logicalId,
          users: usersLabel(services, [td]),
          secrets: formatList(missing.map(describeNeed), 5),
          actions: [...new Set(missing.map((n) => n.action))].join(' and '),
        },
        entity: role,
        service: singleServiceKey(services),
        fix: () => secretReadFix(ctx, role, td, missing),
      });
    }
  },
};
