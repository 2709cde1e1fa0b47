import type { EffectivePermissions, Role, Service, TaskDefinition } from '../../model/index.ts';
import type { Rule } from '../types.ts';
import {
  declaredIn, formatList, roleAllows, roleAllowsSomewhere, roleAllowsUnscoped, sameThing, secretLookup, secretNeeds, servicesRunning, serviceKeys, usersLabel, type SecretNeed,
} from './shared.ts';
import { executionPolicyFix, secretReadFix } from '../../fixes/builders/iam.ts';

/**
 * Whether a task definition runs on Fargate, and the services that certainly run it there: those
 * known to launch on Fargate, and those whose launch type is unknown when the task definition is
 * compatible with Fargate only (ECS refuses to run it elsewhere). When no service in the files
 * runs it, the task definition's own compatibilities decide.
 */
function onFargate(td: TaskDefinition, services: readonly Service[]): { runs: boolean; services: Service[] } {
  const compat = td.requiresCompatibilities.map((c) => c.toUpperCase());
  if (services.length === 0) return { runs: compat.includes('FARGATE'), services: [] };
  const fargateOnly = compat.length > 0 && compat.every((c) => c === 'FARGATE');
  const users = services.filter((s) => s.fargate === true || (s.fargate === 'unknown' && fargateOnly));
  return { runs: users.length > 0, services: users };
}

/**
 * Why a task definition needs an execution role at all. Secrets, private-registry credentials and
 * environment files need one on any launch type; on Fargate, private ECR images and the awslogs
 * driver need one too (on EC2 the instance role can do those).
 */
function startupNeeds(td: TaskDefinition): { anyLaunchType: string[]; fargate: string[] } {
  const anyLaunchType: string[] = [];
  const secrets = td.containers.flatMap((c) => c.secrets.map((s) => s.name));
  if (secrets.length > 0) anyLaunchType.push(`secrets (${formatList(secrets, 4)})`);
  if (td.containers.some((c) => c.repositoryCredentials !== undefined)) anyLaunchType.push('private registry credentials');
  if (td.containers.some((c) => c.environmentFiles.length > 0)) anyLaunchType.push('environment files from S3');
  const fargate: string[] = [];
  const ecr = privateEcrContainers(td);
  if (ecr.length > 0) fargate.push(`private ECR images (${formatList(ecr, 4)})`);
  const awslogs = awslogsContainers(td);
  if (awslogs.length > 0) fargate.push(`the awslogs log driver (${formatList(awslogs, 4)})`);
  return { anyLaunchType, fargate };
}

const privateEcrContainers = (td: TaskDefinition): string[] => td.containers.filter((c) => c.registry === 'ecr-private').map((c) => c.name);
const awslogsContainers = (td: TaskDefinition): string[] =>
  td.containers.filter((c) => c.logDriver?.known === true && c.logDriver.value === 'awslogs').map((c) => c.name);

const EXECUTION_ROLE_POLICY = 'AmazonECSTaskExecutionRolePolicy';

interface StartupCall {
  action: string;
  /** What the agent does with it, for the message. */
  purpose: string;
  /** The action has no resource-level permissions: only a grant on `"*"` allows it. */
  starOnly?: boolean;
}

/**
 * Calls the ECS agent makes with the execution role to start a Fargate task, besides reading
 * secrets: the registry token for a private ECR image, and the log stream for awslogs. Only calls
 * no resource policy can grant are judged: `ecr:GetAuthorizationToken` is on `*` only, and
 * CloudWatch Logs has no resource policies for roles. The layer reads (`ecr:BatchGetImage`,
 * `ecr:GetDownloadUrlForLayer`) are left out, because a repository policy can allow them by itself.
 */
function fargateStartupCalls(td: TaskDefinition): StartupCall[] {
  const calls: StartupCall[] = [];
  const ecr = privateEcrContainers(td);
  if (ecr.length > 0) calls.push({ action: 'ecr:GetAuthorizationToken', purpose: `pull the private ECR images of ${formatList(ecr, 4)}`, starOnly: true });
  const awslogs = awslogsContainers(td);
  if (awslogs.length > 0) {
    const purpose = `send the logs of ${formatList(awslogs, 4)} with awslogs`;
    calls.push({ action: 'logs:CreateLogStream', purpose }, { action: 'logs:PutLogEvents', purpose });
  }
  return calls;
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
    title: 'Execution role cannot read a referenced secret, cannot pull the image or ship logs, or is missing: tasks fail to start',
    description:
      'Finds task definitions whose execution role clearly lacks the permission to read a secret a container references ' +
      '(secretsmanager:GetSecretValue on the secret for Secrets Manager, ssm:GetParameters on the parameter for Parameter ' +
      'Store), execution roles of Fargate tasks that hold no ecr:GetAuthorizationToken for a private ECR image or no ' +
      'logs:CreateLogStream / logs:PutLogEvents for awslogs, and task definitions with no execution role although they need one (secrets, private registry credentials, ' +
      'environment files, and on Fargate private ECR images or awslogs). The ECS agent reads these with the execution role ' +
      'before any container starts, so the tasks never start. Roles whose permissions are not fully known, and references ' +
      'that cannot be resolved, are not judged.',
    messages: {
      cannotRead:
        'Execution role {{role}} cannot read {{secrets}}, referenced by task definition {{taskDefinition}}: the ECS agent ' +
        'fetches them with this role before the containers start, so tasks of {{users}} fail with ResourceInitializationError. ' +
        'Allow {{actions}} on these secrets in the execution role (plus kms:Decrypt when a customer managed key encrypts them).',
      cannotCall:
        'Execution role {{role}} is not allowed {{actions}}, which the ECS agent calls with it to {{purposes}} when it ' +
        'starts a task of task definition {{taskDefinition}} on Fargate: tasks of {{users}} fail to start ' +
        '(CannotPullContainerError or ResourceInitializationError). {{remedy}}',
      noRole:
        'Task definition {{taskDefinition}} has no execution role but needs one for {{reasons}}: tasks of {{users}} cannot ' +
        'start. Add an ExecutionRoleArn whose role trusts ecs-tasks.amazonaws.com and has AmazonECSTaskExecutionRolePolicy ' +
        'plus read access to the referenced secrets.',
    },
    fixable: true,
  },
  check(ctx, report) {
    const { infra } = ctx.posture;
    const reportMissingCalls = (td: TaskDefinition, role: Role, perms: EffectivePermissions): void => {
      const calls = fargateStartupCalls(td);
      if (calls.length === 0) return;
      const fargate = onFargate(td, servicesRunning(ctx, td));
      if (!fargate.runs) return;
      const missing = calls.filter((c) => (c.starOnly === true ? roleAllowsUnscoped(perms, c.action) : roleAllowsSomewhere(perms, c.action)) === 'no');
      if (missing.length === 0) return;
      const services = fargate.services;
      // With the policy attached, a Deny or the permissions boundary takes the calls away: attaching it again changes nothing.
      const attached = perms.awsManagedPolicies.some((m) => m.known && m.name === EXECUTION_ROLE_POLICY);
      report({
        messageId: 'cannotCall',
        data: {
          role: role.logicalId,
          taskDefinition: td.logicalId,
          users: usersLabel(services, [td]),
          actions: formatList(missing.map((c) => c.action), 4),
          purposes: [...new Set(missing.map((c) => c.purpose))].join(' and '),
          remedy: attached
            ? `${EXECUTION_ROLE_POLICY} is attached, so a Deny or the permissions boundary takes them away: exempt these actions there.`
            : `Attach ${EXECUTION_ROLE_POLICY} to the execution role, or allow these actions in it.`,
        },
        entity: role,
        services: serviceKeys(services),
        fix: attached ? undefined : () => executionPolicyFix(ctx, role),
      });
    };
    // A resource policy on a secret can grant the read by itself; we do not model them, so do not judge.
    let secretPolicies: boolean | undefined;
    const hasSecretPolicies = (): boolean => (secretPolicies ??= infra.resources.some((r) => r.type === 'AWS::SecretsManager::ResourcePolicy'));
    const lookup = secretLookup(ctx);
    for (const td of infra.taskDefinitions) {
      if (td.executionRole === undefined) {
        const services = servicesRunning(ctx, td);
        const fargate = onFargate(td, services);
        const needs = startupNeeds(td);
        const reasons = [...needs.anyLaunchType, ...(fargate.runs ? needs.fargate : [])];
        if (reasons.length > 0) {
          // Services that would start without the Fargate-only reasons are not named.
          const affected = needs.anyLaunchType.length > 0 ? services : fargate.services;
          report({
            messageId: 'noRole',
            data: { taskDefinition: td.logicalId, users: usersLabel(affected, [td]), reasons: formatList(reasons, 5) },
            entity: td,
            services: serviceKeys(affected),
          });
        }
        continue;
      }
      const role = ctx.index.role(td.executionRole);
      const perms = role === undefined ? undefined : ctx.posture.permissions.get(role.id);
      if (role === undefined || perms === undefined) continue;
      reportMissingCalls(td, role, perms);
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
        services: serviceKeys(services),
        fix: () => secretReadFix(ctx, role, td, missing),
      });
    }
  },
};
