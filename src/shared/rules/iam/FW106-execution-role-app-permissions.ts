import type { Grant, TaskDefinition } from '../../model/index.ts';
import type { Rule, RuleContext } from '../types.ts';
import {
  coversSecret, declaredIn, firstLineIn, formatList, rolesUsedAs, secretLookup, secretNeeds, serviceKeys, usersLabel, worstFirstActions,
  type RoleUse, type SecretLookup, type SecretNeed,
} from './shared.ts';
import { moveToTaskRoleFix } from '../../fixes/builders/iam.ts';

/**
 * What the ECS agent does with an execution role whatever the task definition says: pull from
 * private ECR and deliver awslogs output. AmazonECSTaskExecutionRolePolicy grants exactly these
 * (plus CreateLogGroup, which `awslogs-create-group` needs).
 */
const AGENT_BASELINE = new Set([
  'ecr:getauthorizationtoken', 'ecr:batchchecklayeravailability', 'ecr:getdownloadurlforlayer', 'ecr:batchgetimage',
  'logs:createlogstream', 'logs:putlogevents', 'logs:createloggroup',
]);

const SECRET_READ: Record<string, SecretNeed['store']> = {
  'secretsmanager:getsecretvalue': 'secretsmanager',
  'ssm:getparameters': 'ssm',
  'ssm:getparameter': 'ssm',
};

/** Reading environment files (`EnvironmentFiles`) from S3 at start-up. */
const ENV_FILE_READ = new Set(['s3:getobject', 's3:getbucketlocation']);

interface AgentNeeds {
  secrets: SecretNeed[];
  /** Some secret reference could not be resolved: any secret read may be its. */
  unknownSecret: boolean;
  environmentFiles: boolean;
}

function agentNeeds(tds: readonly TaskDefinition[], lookup: SecretLookup): AgentNeeds {
  const needs: AgentNeeds = { secrets: [], unknownSecret: false, environmentFiles: false };
  for (const td of tds) {
    needs.secrets.push(...secretNeeds(td, lookup));
    for (const c of td.containers) {
      if (c.environmentFiles.length > 0) needs.environmentFiles = true;
      const refs = c.repositoryCredentials !== undefined ? [...c.secrets, c.repositoryCredentials] : c.secrets;
      if (refs.some((r) => r.store === 'unknown' || !r.valueFrom.known)) needs.unknownSecret = true;
    }
  }
  return needs;
}

/** Whether the ECS agent needs this grant to start the task definitions that use the role. */
function agentNeedsGrant(g: Grant, needs: AgentNeeds, isDeclared: (id: string) => boolean): boolean {
  const action = g.action.toLowerCase();
  if (AGENT_BASELINE.has(action)) return true;
  if (ENV_FILE_READ.has(action)) return needs.environmentFiles;
  // A customer managed key may protect any referenced secret; key policies are not modelled, so any secret justifies it.
  if (action === 'kms:decrypt') return needs.secrets.length > 0 || needs.unknownSecret;
  const store = SECRET_READ[action];
  if (store === undefined) return false;
  if (needs.unknownSecret) return true;
  // A read of some referenced secret is the agent's; a read of nothing referenced is the application's.
  return needs.secrets.some((s) => s.store === store && coversSecret(g.resource, s, isDeclared) !== 'no');
}

export const rule: Rule = {
  meta: {
    id: 'FW106',
    severity: 'medium',
    area: 'iam',
    title: 'Execution role carries application permissions',
    description:
      'Finds execution roles that allow more than the ECS agent needs to start the task: pulling from ECR, delivering logs, ' +
      'reading the secrets (and environment files) the task definition references, and decrypting them. The execution role ' +
      'is never given to the containers, so application permissions placed there do not work at runtime (the code gets ' +
      'AccessDenied or no credentials) and only widen what the agent\'s identity can do. AmazonECSTaskExecutionRolePolicy ' +
      'is the expected baseline.',
    messages: {
      extra:
        'Execution role {{role}} of {{users}} allows {{count}} action(s) the ECS agent does not need to start the task: ' +
        '{{actions}}. The execution role is used only by the agent before the containers start; the application never ' +
        'receives it. Move permissions the application needs to the task role and drop the rest.',
      extraAlsoTaskRole:
        'Execution role {{role}} of {{users}} allows {{count}} action(s) the ECS agent does not need to start the task: ' +
        '{{actions}}. The same role is also a task role, so the agent\'s identity and the application\'s are one. Give the ' +
        'agent its own execution role (AmazonECSTaskExecutionRolePolicy plus reading the referenced secrets) and keep ' +
        'application permissions on the task role.',
    },
    fixable: true,
  },
  check(ctx, report) {
    const taskRoleIds = new Set(rolesUsedAs(ctx, 'task').map((u) => u.role.id));
    for (const use of rolesUsedAs(ctx, 'execution')) {
      if (use.perms === undefined) continue;
      const extras = extraGrants(ctx, use);
      if (extras.length === 0) continue;
      report({
        messageId: taskRoleIds.has(use.role.id) ? 'extraAlsoTaskRole' : 'extra',
        data: {
          role: use.role.logicalId,
          users: usersLabel(use.services, use.taskDefinitions, use.when),
          count: extras.length,
          actions: formatList(extras.map(describeGrant), 8),
        },
        entity: use.role,
        line: firstLineIn(use.role, extras.map((g) => g.source)),
        services: serviceKeys(use.services),
        fix: taskRoleIds.has(use.role.id) ? undefined : () => moveToTaskRoleFix(ctx, use.role, use.taskDefinitions, allExtraGrants(ctx, use)),
      });
    }
  },
};

function extraGrants(ctx: RuleContext, use: RoleUse): Grant[] {
  return worstFirstActions(allExtraGrants(ctx, use));
}

/** Every grant the agent does not need, one per statement and resource (the fix moves statements). */
function allExtraGrants(ctx: RuleContext, use: RoleUse): Grant[] {
  const needs = agentNeeds(use.taskDefinitions, secretLookup(ctx));
  const isDeclared = declaredIn(ctx, use.role.file);
  return (use.perms?.grants ?? []).filter((g) => !agentNeedsGrant(g, needs, isDeclared));
}

/** Secret reads are judged by resource, so say which resource made one extra. */
function describeGrant(g: Grant): string {
  return SECRET_READ[g.action.toLowerCase()] !== undefined && g.resource !== '*' ? `${g.action} on ${g.resource}` : g.action;
}
