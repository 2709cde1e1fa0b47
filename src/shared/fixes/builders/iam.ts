import { actionAppliesTo } from '../../analysis/iam/applicability.ts';
import { lookupAction } from '../../analysis/iam/expand.ts';
import type { IamCatalog } from '../../analysis/catalog.ts';
import { stackOutcomesOf, type Edit, type Fix, type FixDeclined, type Grant, type Role, type SecretReference, type TaskDefinition } from '../../model/index.ts';
import type { RuleContext } from '../../rules/types.ts';
import { ECS_TASKS_PRINCIPAL, rolesUsedAs } from '../../rules/iam/shared.ts';
import type { PMap, PNode, PSeq } from '../../sources/cloudformation/parse.ts';
import {
  freeLogicalId, isIntrinsic, mapChild, propertiesNode, referencedIds, resourcesOfType, resourcesReferencing, resourceType, type TemplateDoc,
} from '../doc.ts';
import { appendItems, insertResources, removeEntry, replaceItem, setKey } from '../edit.ts';
import { getAtt, isCfnObject, nodeToValue, ref, sub, type CfnObject, type CfnValue } from '../value.ts';
import { declined, declinedUnderChoice, docOf, guarded, localLogicalId, makeFix, nodeAtPath, propsOf } from './common.ts';

const POLICY_VERSION = '2012-10-17';

/**
 * The `AWS::KMS::Key` a secret's `KmsKeyId` names: the key itself, or the key an
 * `AWS::KMS::Alias` of the template targets. An alias has no ARN attribute, and IAM matches a
 * key's ARN, not its alias's; anything else is undefined (the fix declines).
 */
function kmsKeyBehind(doc: TemplateDoc, logicalId: string): string | undefined {
  const type = resourceType(doc, logicalId);
  if (type === 'AWS::KMS::Key') return logicalId;
  if (type !== 'AWS::KMS::Alias') return undefined;
  const target = mapChild(propertiesNode(doc, logicalId), 'TargetKeyId');
  const named = target === undefined ? [] : [...referencedIds(target)];
  return named.length === 1 && resourceType(doc, named[0]!) === 'AWS::KMS::Key' ? named[0] : undefined;
}

/** The four channel actions the SSM agent in a task calls for ECS Exec. */
export const ECS_EXEC_ACTIONS = [
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
];

function inlinePolicy(name: string, statements: CfnValue[]): CfnObject {
  return { PolicyName: name, PolicyDocument: { Version: POLICY_VERSION, Statement: statements } };
}

function policyNames(policies: PNode | undefined): string[] {
  if (policies?.kind !== 'seq') return [];
  return policies.items.map((p) => mapChild(p, 'PolicyName')).filter((n): n is PNode => n?.kind === 'scalar').map((n) => String((n as { value: unknown }).value));
}

function freePolicyName(policies: PNode | undefined, wanted: string): string {
  const used = new Set(policyNames(policies));
  if (!used.has(wanted)) return wanted;
  for (let i = 2; ; i++) if (!used.has(`${wanted}-${i}`)) return `${wanted}-${i}`;
}

/** Adds an inline policy to a role's `Policies` (creating the list when absent). */
function addInlinePolicy(doc: TemplateDoc, role: Role, wantedName: string, statements: CfnValue[]): { edit: Edit; name: string } | undefined {
  const props = propsOf(doc, role);
  if (props === undefined) return undefined;
  const policies = mapChild(props, 'Policies');
  const name = freePolicyName(policies, wantedName);
  const policy = inlinePolicy(name, statements);
  if (policies === undefined) return { edit: setKey(doc, props, 'Policies', [policy]), name };
  if (policies.kind !== 'seq') return undefined;
  return { edit: appendItems(doc, policies, [policy]), name };
}

/** A new task role that trusts ECS tasks of this account only, with the given inline policy. */
function newTaskRole(doc: TemplateDoc, td: TaskDefinition, policy: CfnObject, taken: Set<string> = new Set()): { name: string; resource: CfnObject } {
  const name = freeLogicalId(doc, `${td.logicalId}TaskRole`, taken);
  return {
    name,
    resource: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: POLICY_VERSION,
          Statement: [{
            Effect: 'Allow',
            Principal: { Service: 'ecs-tasks.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } },
          }],
        },
        Policies: [policy],
      },
    },
  };
}

/** Sets `TaskRoleArn` on a task definition that has none. */
function setTaskRole(doc: TemplateDoc, td: TaskDefinition, roleName: string): Edit | undefined {
  const props = propsOf(doc, td);
  if (props === undefined || mapChild(props, 'TaskRoleArn') !== undefined) return undefined;
  return setKey(doc, props, 'TaskRoleArn', getAtt(roleName, 'Arn'), ['ExecutionRoleArn']);
}

/** The task definitions that run with `role` as their task role, or with it as their execution role. */
function runningAs(ctx: RuleContext, role: Role, as: 'task' | 'execution'): readonly TaskDefinition[] {
  return rolesUsedAs(ctx, as).find((u) => u.role.id === role.id)?.taskDefinitions ?? [];
}

function runningAsTaskRole(ctx: RuleContext, role: Role): readonly TaskDefinition[] {
  return runningAs(ctx, role, 'task');
}

/** Task definitions, each named with the services that run it; undefined for none. */
function taskDefinitionsWithServices(ctx: RuleContext, taskDefinitions: readonly TaskDefinition[]): string | undefined {
  if (taskDefinitions.length === 0) return undefined;
  return taskDefinitions.map((td) => {
    const services = ctx.posture.infra.services.filter((svc) => ctx.index.taskDefinition(svc.taskDefinition) === td).map((svc) => svc.key);
    return services.length === 0 ? td.logicalId : `${td.logicalId} (service ${[...new Set(services)].join(', ')})`;
  }).join(', ');
}

/**
 * Task definitions other than `own` that run with `role` as their task role: their application
 * code would get whatever is added to it. Named with the services that run them.
 */
function otherTaskRoleUsers(ctx: RuleContext, role: Role, own: readonly TaskDefinition[]): string | undefined {
  return taskDefinitionsWithServices(ctx, runningAsTaskRole(ctx, role).filter((td) => !own.includes(td)));
}

// ---------------------------------------------------------------------------------------------
// FW108

/**
 * FW108: the task role gets the four ssmmessages actions (a new task role when the task definition
 * has none). As FW106 does for the task role it moves permissions to, it declines when the role is
 * also the task role of a task definition none of the ECS Exec services runs, or something other
 * than ECS tasks uses it: they would get the actions for no reason of their own. It declines too
 * when the role is also a task definition's execution role, where the actions are application
 * permissions FW106 reports.
 */
function execPermissionsFixUnsafe(ctx: RuleContext, target: { role: Role; taskDefinitions: readonly TaskDefinition[] } | { taskDefinition: TaskDefinition }): Fix | FixDeclined | undefined {
  const statement: CfnObject = { Effect: 'Allow', Action: [...ECS_EXEC_ACTIONS], Resource: '*' };
  if ('role' in target) {
    const doc = docOf(ctx, target.role);
    if (doc === undefined) return undefined;
    const sharers = otherTaskRoleUsers(ctx, target.role, target.taskDefinitions);
    if (sharers !== undefined) {
      return declined(`task role ${target.role.logicalId} is also the task role of ${sharers}, which ECS Exec does not need: the ssmmessages actions would be granted there too; give the services with ECS Exec a task role of their own, or add the actions by hand if that is acceptable`);
    }
    // The ECS agent never opens ECS Exec channels: on an execution role the actions are
    // application permissions, which FW106 reports (the ECS Exec services' own task definitions too).
    const agents = taskDefinitionsWithServices(ctx, runningAs(ctx, target.role, 'execution'));
    if (agents !== undefined) {
      return declined(`task role ${target.role.logicalId} is also the execution role of ${agents}: the ECS agent, which needs no ssmmessages actions, would get them there too (FW106 reports that); give the services with ECS Exec a task role of their own (or ${agents.includes(',') ? 'those task definitions' : 'that task definition'} an execution role of its own), or add the actions by hand if that is acceptable`);
    }
    const others = otherHoldersOf(doc, target.role);
    if (others !== undefined) {
      return declined(`task role ${target.role.logicalId} is also used by ${others}: the ssmmessages actions would be granted to them too; give the services with ECS Exec a task role of their own, or add the actions by hand if that is acceptable`);
    }
    const added = addInlinePolicy(doc, target.role, 'ecs-exec', [statement]);
    if (added === undefined) return undefined;
    return makeFix(
      `Allow ECS Exec in task role ${target.role.logicalId}`,
      `Inline policy ${added.name} allows the four ssmmessages channel actions the SSM agent in the task needs for aws ecs execute-command (they only accept Resource "*").`,
      [added.edit],
    );
  }
  const td = target.taskDefinition;
  const doc = docOf(ctx, td);
  if (doc === undefined) return undefined;
  const role = newTaskRole(doc, td, inlinePolicy('ecs-exec', [statement]));
  return makeFix(
    `Give ${td.logicalId} a task role that allows ECS Exec`,
    `New task role ${role.name} (trusting ecs-tasks.amazonaws.com from this account only) allows the four ssmmessages channel actions, and ${td.logicalId} uses it as TaskRoleArn.`,
    [setTaskRole(doc, td, role.name), insertResources(doc, [[role.name, role.resource]])],
  );
}

// ---------------------------------------------------------------------------------------------
// FW107

/**
 * How the template names the ARN of a referenced secret: the reference itself when it is a `Ref`
 * to a Secrets Manager secret (whose Ref is its ARN), a literal ARN cut to the secret, or the
 * parameter ARN built from an SSM parameter name.
 */
function secretArnValue(ctx: RuleContext, doc: TemplateDoc, secret: SecretReference): CfnValue | undefined {
  if (!secret.valueFrom.source.explicit || secret.valueFrom.source.file !== doc.file) return undefined;
  const node = nodeAtPath(doc, secret.valueFrom.source.path);
  if (node === undefined) return undefined;
  const value = nodeToValue(node);
  if (secret.store === 'secretsmanager') {
    if (isCfnObject(value) && typeof value.Ref === 'string' && resourceType(doc, value.Ref) === 'AWS::SecretsManager::Secret') return value;
    if (typeof value === 'string' && value.startsWith('arn:')) {
      const parts = value.split(':');
      if (parts.length < 7) return undefined;
      const arn = parts.slice(0, 7).join(':');
      // A partial ARN (the name without the `-` and six random characters Secrets Manager
      // appends) is not what IAM sees: the grant needs `-??????` after the name, which matches
      // exactly the suffix and, unlike `*`, no longer name. A name already ending in `-xxxxxx`
      // is taken by Secrets Manager for a complete ARN, so it is granted as written.
      return /-[A-Za-z0-9]{6}$/.test(parts[6]) ? arn : `${arn}-??????`;
    }
    return undefined;
  }
  if (secret.store !== 'ssm') return undefined;
  if (typeof value === 'string') {
    if (value.startsWith('arn:')) return value;
    if (value.includes('${')) return undefined;
    return sub(`arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/${value.replace(/^\//, '')}`);
  }
  if (isCfnObject(value) && typeof value.Ref === 'string' && resourceType(doc, value.Ref) === 'AWS::SSM::Parameter') {
    const param = ctx.posture.infra.secrets.find((s) => s.file === doc.file && s.logicalId === value.Ref);
    const name = param?.name;
    if (name !== undefined && name.includes('${')) return undefined;
    if (name !== undefined && name.startsWith('/')) return sub(`arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter\${${value.Ref}}`);
    return sub(`arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/\${${value.Ref}}`);
  }
  return undefined;
}

export interface MissingSecret {
  ref: SecretReference;
  action: string;
  label: string;
}

/** FW107: an inline policy on the execution role that reads exactly the referenced secrets (and decrypts them with their customer key). */
function secretReadFixUnsafe(ctx: RuleContext, role: Role, td: TaskDefinition, missing: readonly MissingSecret[]): Fix | FixDeclined | undefined {
  const doc = docOf(ctx, role);
  if (doc === undefined || td.file !== role.file) return undefined;
  // An execution role that is also a task role hands what it is granted to application code. The
  // application of this very task definition already receives the secrets' values in its
  // environment, so the fix goes ahead and says so; another task definition's would gain secrets
  // it is not given, and another user of the role (a Lambda function…) too: decline, as FW106
  // does for shared roles.
  const sharers = otherTaskRoleUsers(ctx, role, [td]);
  if (sharers !== undefined) {
    return declined(`execution role ${role.logicalId} is also the task role of ${sharers}: the application code there would be able to read ${td.logicalId}'s secrets too; give ${td.logicalId} an execution role of its own, or grant the read by hand if that is acceptable`);
  }
  const others = otherHoldersOf(doc, role);
  if (others !== undefined) {
    return declined(`execution role ${role.logicalId} is also used by ${others}: they would be able to read ${td.logicalId}'s secrets too; give ${td.logicalId} an execution role of its own, or grant the read by hand if that is acceptable`);
  }
  const ownTaskRole = runningAsTaskRole(ctx, role).includes(td);
  const byAction = new Map<string, CfnValue[]>();
  const keys: CfnValue[] = [];
  for (const m of missing) {
    const arn = secretArnValue(ctx, doc, m.ref);
    if (arn === undefined) {
      return declined(`the secret ${m.label} is referenced in a way that names no ARN fargate-warden can write into a policy (an intrinsic it cannot turn into the secret's ARN): grant ${m.action} on it to ${role.logicalId} by hand`);
    }
    const list = byAction.get(m.action) ?? [];
    if (!list.some((v) => JSON.stringify(v) === JSON.stringify(arn))) list.push(arn);
    byAction.set(m.action, list);
    const key = m.ref.kmsKey ?? ctx.index.resolve(m.ref.resource, ctx.posture.infra.secrets)?.kmsKey;
    if (key !== undefined) {
      const local = key.kind === 'resource' ? localLogicalId(doc, key.id) : undefined;
      const keyId = local === undefined ? undefined : kmsKeyBehind(doc, local);
      if (keyId === undefined) {
        return declined(`the customer managed key of secret ${m.label} is not an AWS::KMS::Key (or an alias of one) declared in ${doc.file}, so kms:Decrypt cannot name it: grant ${m.action} and kms:Decrypt on it to ${role.logicalId} by hand`);
      }
      const value = getAtt(keyId, 'Arn');
      if (!keys.some((k) => JSON.stringify(k) === JSON.stringify(value))) keys.push(value);
    }
  }
  const statements: CfnObject[] = [...byAction].map(([action, resources]) => ({ Effect: 'Allow', Action: action, Resource: resources.length === 1 ? resources[0] : resources }));
  if (keys.length > 0) statements.push({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: keys.length === 1 ? keys[0] : keys });
  const added = addInlinePolicy(doc, role, 'read-task-secrets', statements);
  if (added === undefined) return undefined;
  return makeFix(
    `Let execution role ${role.logicalId} read the secrets of ${td.logicalId}`,
    `Inline policy ${added.name} allows ${[...byAction.keys()].join(' and ')} on exactly the secrets the task definition references (${missing.map((m) => m.label).join(', ')})${keys.length > 0 ? ', and kms:Decrypt with their customer managed key' : ''}, which the ECS agent reads before the containers start.${ownTaskRole ? ` ${role.logicalId} is also ${td.logicalId}'s task role, so its application can read them as well: whole secrets, not only the JSON keys its containers are given. Give ${td.logicalId} a task role of its own to keep them apart.` : ''}`,
    [added.edit],
  );
}

/** What the ECS agent needs from an execution role besides secrets: image pulls and log streams. */
const EXECUTION_ROLE_POLICY = sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy');

/**
 * Attaches AmazonECSTaskExecutionRolePolicy to an execution role that cannot make the agent's
 * start-up calls: the policy AWS maintains for exactly those calls, rather than a hand-written
 * copy that goes stale. Declines when `ManagedPolicyArns` is not a literal list.
 */
function executionPolicyFixUnsafe(ctx: RuleContext, role: Role): Fix | undefined {
  const doc = docOf(ctx, role);
  if (doc === undefined) return undefined;
  const props = propsOf(doc, role);
  if (props === undefined) return undefined;
  const attached = mapChild(props, 'ManagedPolicyArns');
  let edit: Edit;
  if (attached === undefined) edit = setKey(doc, props, 'ManagedPolicyArns', [EXECUTION_ROLE_POLICY], ['AssumeRolePolicyDocument']);
  else if (attached.kind === 'seq') edit = appendItems(doc, attached, [EXECUTION_ROLE_POLICY]);
  else return undefined;
  return makeFix(
    `Attach AmazonECSTaskExecutionRolePolicy to execution role ${role.logicalId}`,
    'The AWS managed policy allows the ECR token and image layer reads and the log stream calls the ECS agent makes with the execution role to start a Fargate task.',
    [edit],
  );
}

// ---------------------------------------------------------------------------------------------
// FW103

interface ArnRecipe {
  type: string;
  arns: (id: string) => CfnValue[];
  /** The ARNs `arns` writes, spelled out for an example resource: what the IAM reference checks an action against. */
  shapes: string[];
}

const PROBE_REGION = 'us-east-1';
const PROBE_ACCOUNT = '123456789012';

/** Whether `action` applies to one of the ARNs `recipe` writes (see ArnRecipe.shapes). */
function takesRecipeArn(catalog: IamCatalog, action: string, recipe: ArnRecipe): boolean {
  const known = lookupAction(action, catalog);
  return known !== undefined && recipe.shapes.some((arn) => actionAppliesTo(known, arn, catalog));
}

/** Service prefix → the resource type its actions name in this template, and that resource's ARNs. */
const ARN_RECIPES: Record<string, ArnRecipe> = {
  sqs: { type: 'AWS::SQS::Queue', arns: (id) => [getAtt(id, 'Arn')], shapes: [`arn:aws:sqs:${PROBE_REGION}:${PROBE_ACCOUNT}:probe`] },
  sns: { type: 'AWS::SNS::Topic', arns: (id) => [ref(id)], shapes: [`arn:aws:sns:${PROBE_REGION}:${PROBE_ACCOUNT}:probe`] },
  dynamodb: {
    type: 'AWS::DynamoDB::Table',
    arns: (id) => [getAtt(id, 'Arn'), sub(`\${${id}.Arn}/index/*`)],
    shapes: [`arn:aws:dynamodb:${PROBE_REGION}:${PROBE_ACCOUNT}:table/probe`, `arn:aws:dynamodb:${PROBE_REGION}:${PROBE_ACCOUNT}:table/probe/index/*`],
  },
  s3: { type: 'AWS::S3::Bucket', arns: (id) => [getAtt(id, 'Arn'), sub(`\${${id}.Arn}/*`)], shapes: ['arn:aws:s3:::probe', 'arn:aws:s3:::probe/*'] },
  secretsmanager: { type: 'AWS::SecretsManager::Secret', arns: (id) => [ref(id)], shapes: [`arn:aws:secretsmanager:${PROBE_REGION}:${PROBE_ACCOUNT}:secret:probe-AbCdEf`] },
  kinesis: { type: 'AWS::Kinesis::Stream', arns: (id) => [getAtt(id, 'Arn')], shapes: [`arn:aws:kinesis:${PROBE_REGION}:${PROBE_ACCOUNT}:stream/probe`] },
  kms: { type: 'AWS::KMS::Key', arns: (id) => [getAtt(id, 'Arn')], shapes: [`arn:aws:kms:${PROBE_REGION}:${PROBE_ACCOUNT}:key/probe`] },
  ecr: { type: 'AWS::ECR::Repository', arns: (id) => [getAtt(id, 'Arn')], shapes: [`arn:aws:ecr:${PROBE_REGION}:${PROBE_ACCOUNT}:repository/probe`] },
  states: { type: 'AWS::StepFunctions::StateMachine', arns: (id) => [ref(id)], shapes: [`arn:aws:states:${PROBE_REGION}:${PROBE_ACCOUNT}:stateMachine:probe`] },
  lambda: { type: 'AWS::Lambda::Function', arns: (id) => [getAtt(id, 'Arn')], shapes: [`arn:aws:lambda:${PROBE_REGION}:${PROBE_ACCOUNT}:function:probe`] },
};

const STATEMENT = '.Statement';
/** What may follow `.Statement` in the path of a grant: the statement's index, then where the action or resource is written. */
const STATEMENT_TAIL = /^(\[\d+\])?(?:\.(?:Action|NotAction|Resource|NotResource)(?:\[\d+\])?)?$/;
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/**
 * `…Statement[0].Action[1]` (where a grant's action is written) → `…Statement[0]`. Called for
 * every grant of a role, so it looks at the tail only: nothing but the last `.Statement` can be
 * followed by such a tail (which cannot hold `.Statement`). Paths span one line.
 */
export function statementPath(path: string): string | undefined {
  const at = path.lastIndexOf(STATEMENT);
  if (at < 0 || LINE_TERMINATOR.test(path.slice(0, at))) return undefined;
  const end = at + STATEMENT.length;
  const tail = STATEMENT_TAIL.exec(path.slice(end));
  return tail === null ? undefined : path.slice(0, end + (tail[1]?.length ?? 0));
}

const statementByGrant = new WeakMap<Grant, string | null>();

/** The path of the statement a grant comes from (builders ask several times for each grant of a role). */
function statementOf(g: Grant): string | undefined {
  let path = statementByGrant.get(g);
  if (path === undefined) statementByGrant.set(g, (path = statementPath(g.source.path) ?? null));
  return path ?? undefined;
}

/** Grants written in `file`, by the statement that grants them (one pass instead of one per statement). */
function grantsByStatement(grants: readonly Grant[], file: string): Map<string, Grant[]> {
  const out = new Map<string, Grant[]>();
  for (const g of grants) {
    if (g.source.file !== file) continue;
    const path = statementOf(g);
    if (path === undefined) continue;
    const list = out.get(path);
    if (list === undefined) out.set(path, [g]);
    else list.push(g);
  }
  return out;
}

function prefixOf(action: string): string {
  return action.slice(0, Math.max(0, action.indexOf(':'))).toLowerCase();
}

/**
 * FW103: in every statement that grants the reported actions on `*`, `*` becomes the ARNs of the
 * one resource of the matching type in the template (`!GetAtt Queue.Arn` for sqs actions when
 * exactly one AWS::SQS::Queue exists). Declines when a service has no recipe, the template has no
 * or several such resources, or a statement also grants actions that only accept `*`.
 */
function scopeResourcesFixUnsafe(ctx: RuleContext, role: Role, judged: readonly Grant[]): Fix | FixDeclined | undefined {
  const doc = docOf(ctx, role);
  const perms = ctx.posture.permissions.get(role.id);
  if (doc === undefined || perms === undefined) return undefined;
  // A statement of this template under a choice (a managed policy's is never ours to edit).
  const chosen = judged.find((g) => stackOutcomesOf(g.condition).length > 0 && g.source.file === doc.file && statementOf(g) !== undefined);
  if (chosen !== undefined) {
    return declinedUnderChoice(
      `task role ${role.logicalId} grants ${chosen.action} on "*" (line ${chosen.source.line})`, stackOutcomesOf(chosen.condition),
      'scope the Resource that outcome writes (the branch, or the mapping\'s entry) by hand',
    );
  }
  if (judged.some((g) => g.source.file !== doc.file || statementOf(g) === undefined)) return undefined;
  const paths = [...new Set(judged.map((g) => statementOf(g) as string))];
  const byStatement = grantsByStatement(perms.grants, doc.file);
  const edits: (Edit | undefined)[] = [];
  const words: string[] = [];
  for (const path of paths) {
    const statement = nodeAtPath(doc, path);
    if (statement?.kind !== 'map' || isIntrinsic(statement) || mapChild(statement, 'NotAction') !== undefined) return undefined;
    const onStar = (byStatement.get(path) ?? []).filter((g) => g.resource === '*');
    if (onStar.some((g) => !g.resourceLevel)) return undefined;
    const arns: CfnValue[] = [];
    const targets: string[] = [];
    for (const prefix of [...new Set(onStar.map((g) => prefixOf(g.action)))]) {
      const recipe = ARN_RECIPES[prefix];
      if (recipe === undefined) return undefined;
      // Every action must take one of the recipe's ARNs: a stream read, a Step Functions execution
      // or a Kinesis consumer needs another ARN, and scoping it to the table, machine or stream
      // would silently deny it.
      if (ctx.catalog !== undefined && onStar.some((g) => prefixOf(g.action) === prefix && !takesRecipeArn(ctx.catalog!, g.action, recipe))) return undefined;
      const candidates = resourcesOfType(doc, recipe.type);
      if (candidates.length !== 1) return undefined;
      arns.push(...recipe.arns(candidates[0]));
      targets.push(candidates[0]);
    }
    const resource = mapChild(statement, 'Resource');
    if (resource === undefined) return undefined;
    if (resource.kind === 'scalar' && resource.value === '*') {
      edits.push(setKey(doc, statement, 'Resource', arns.length === 1 ? arns[0] : arns));
    } else if (resource.kind === 'seq') {
      const star = resource.items.findIndex((i) => i.kind === 'scalar' && i.value === '*');
      if (star < 0) return undefined;
      edits.push(replaceItem(doc, resource, star, arns));
    } else {
      return undefined;
    }
    words.push(targets.join(', '));
  }
  return makeFix(
    `Scope Resource "*" in task role ${role.logicalId} to ${[...new Set(words)].join(', ')}`,
    `The actions now apply to ${[...new Set(words)].join(', ')} — the only resource of each kind in this template — instead of every such resource in the account.`,
    edits,
  );
}

// ---------------------------------------------------------------------------------------------
// FW106

interface StatementSlot {
  policies: PSeq;
  policyIndex: number;
  statements?: PSeq;
  statementIndex?: number;
  node: PMap;
}

/** `Resources.R.Properties.Policies[i].PolicyDocument.Statement[j]` of the role, as list slots. */
function statementSlot(doc: TemplateDoc, role: Role, path: string): StatementSlot | undefined {
  const m = /^Resources\.([^.]+)\.Properties\.Policies\[(\d+)\]\.PolicyDocument\.Statement(?:\[(\d+)\])?$/.exec(path);
  if (m === null || m[1] !== role.logicalId) return undefined;
  const policies = mapChild(propsOf(doc, role), 'Policies');
  if (policies?.kind !== 'seq') return undefined;
  const policyIndex = Number(m[2]);
  const statementNode = mapChild(mapChild(policies.items[policyIndex], 'PolicyDocument'), 'Statement');
  if (m[3] === undefined) return statementNode?.kind === 'map' && !isIntrinsic(statementNode) ? { policies, policyIndex, node: statementNode } : undefined;
  if (statementNode?.kind !== 'seq') return undefined;
  const statementIndex = Number(m[3]);
  const node = statementNode.items[statementIndex];
  if (node?.kind !== 'map' || isIntrinsic(node)) return undefined;
  return { policies, policyIndex, statements: statementNode, statementIndex, node };
}

/**
 * Resource types that name a role without acting with it: task definitions (the rule judges
 * those) and IAM documents (an `iam:PassRole` on it, a policy attached to it).
 */
const NAMES_ROLE_WITHOUT_USING_IT = new Set(['AWS::ECS::TaskDefinition', 'AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']);

/**
 * Who, besides the ECS agent, may act with `role`: resources of the template that are given it (a
 * Lambda function, an EventBridge target, a CodeBuild project), and principals other than
 * ecs-tasks.amazonaws.com that its trust policy admits (or a trust policy the files do not spell
 * out). What FW106 calls application permissions may be theirs; undefined when there is no one.
 */
function otherHoldersOf(doc: TemplateDoc, role: Role): string | undefined {
  const users = resourcesReferencing(doc, role.logicalId).filter((id) => !NAMES_ROLE_WITHOUT_USING_IT.has(resourceType(doc, id) ?? ''));
  if (users.length > 0) return users.map((id) => `${id} (${resourceType(doc, id) ?? 'unknown type'})`).join(', ');
  const trust = role.trustPolicy;
  if (trust === undefined || trust.unknown !== undefined) return 'whoever its trust policy admits (the files do not spell it out)';
  const principals = new Set<string>();
  for (const s of trust.statements) {
    if (s.effect !== 'Allow') continue;
    for (const p of s.principals ?? []) if (!p.known || !ECS_TASKS_PRINCIPAL.test(p.value)) principals.add(p.known ? p.value : 'a principal the files do not resolve');
    if (s.notPrincipals !== undefined) principals.add('everyone its NotPrincipal does not exclude');
  }
  return principals.size === 0 ? undefined : `${[...principals].join(', ')}, which its trust policy admits`;
}

/**
 * FW106: statements of the execution role that grant only application permissions move to the
 * task role (a new one when the task definition has none). Declines when such a statement also
 * grants something the agent needs, lives outside the role's inline Policies, the task
 * definitions that use the execution role do not agree on one task role, or something other than
 * ECS tasks may use the role (its permissions may be that user's, and moving them would take
 * them from it and hand them to the application).
 */
function moveToTaskRoleFixUnsafe(ctx: RuleContext, execRole: Role, taskDefinitions: readonly TaskDefinition[], extras: readonly Grant[]): Fix | FixDeclined | undefined {
  const doc = docOf(ctx, execRole);
  const perms = ctx.posture.permissions.get(execRole.id);
  if (doc === undefined || perms === undefined || extras.length === 0) return undefined;
  const others = otherHoldersOf(doc, execRole);
  if (others !== undefined) {
    return declined(`execution role ${execRole.logicalId} is also used by ${others}: the permissions may be theirs, and moving them would take them away and give them to the application; move what the application needs to its task role by hand`);
  }
  const extraKeys = new Set(extras.map((g) => `${g.action.toLowerCase()}\u0000${g.resource}`));
  if (extras.some((g) => g.source.file !== doc.file || statementOf(g) === undefined)) return undefined;
  const paths = [...new Set(extras.map((g) => statementOf(g) as string))];
  const byStatement = grantsByStatement(perms.grants, doc.file);
  const slots: StatementSlot[] = [];
  for (const path of paths) {
    // Every grant of the statement must be one the agent does not need; otherwise moving it breaks the start-up.
    const all = byStatement.get(path) ?? [];
    if (all.some((g) => !extraKeys.has(`${g.action.toLowerCase()}\u0000${g.resource}`))) return undefined;
    const slot = statementSlot(doc, execRole, path);
    if (slot === undefined) return undefined;
    slots.push(slot);
  }

  // Where they go: the one task role the task definitions share, or a new one for a single task definition.
  const taskRoleIds = new Set(taskDefinitions.map((td) => (td.taskRole === undefined ? 'none' : td.taskRole.kind === 'resource' ? td.taskRole.id : 'unknown')));
  if (taskRoleIds.size !== 1 || taskRoleIds.has('unknown') || taskRoleIds.has(execRole.id)) return undefined;
  const moved = slots.map((s) => nodeToValue(s.node));
  const edits: (Edit | undefined)[] = [...removeStatements(doc, execRole, slots)];
  const policyName = `moved-from-${execRole.logicalId}`;
  let destination: string;
  if (taskRoleIds.has('none')) {
    if (taskDefinitions.length !== 1) return undefined;
    const td = taskDefinitions[0];
    if (td.file !== doc.file) return undefined;
    const role = newTaskRole(doc, td, inlinePolicy(policyName, moved));
    edits.push(setTaskRole(doc, td, role.name), insertResources(doc, [[role.name, role.resource]]));
    destination = `new task role ${role.name} (used by ${td.logicalId})`;
  } else {
    const taskRole = ctx.index.role(taskDefinitions[0].taskRole);
    if (taskRole === undefined || taskRole.file !== doc.file) return undefined;
    // Another task definition running with the same task role would gain the permissions too, for no reason of its own.
    const sharers = runningAsTaskRole(ctx, taskRole).filter((td) => !taskDefinitions.includes(td));
    if (sharers.length > 0) {
      return declined(`task role ${taskRole.logicalId} is also the task role of ${sharers.map((td) => td.logicalId).join(', ')}, which ${sharers.length === 1 ? 'does' : 'do'} not use execution role ${execRole.logicalId}: moving the permissions there would give them to ${sharers.length === 1 ? 'it' : 'them'} too; move what the application needs by hand (or give it a task role of its own)`);
    }
    const added = addInlinePolicy(doc, taskRole, policyName, moved);
    if (added === undefined) return undefined;
    edits.push(added.edit);
    destination = `task role ${taskRole.logicalId}`;
  }
  const actions = [...new Set(extras.map((g) => g.action))].sort();
  return makeFix(
    `Move application permissions from ${execRole.logicalId} to the task role`,
    `${actions.join(', ')} ${actions.length === 1 ? 'moves' : 'move'} from execution role ${execRole.logicalId}, which only the ECS agent uses, to ${destination}, which the application's code runs with.`,
    edits,
  );
}

/** Edits that remove the statements; a policy left without statements goes as a whole. */
function removeStatements(doc: TemplateDoc, role: Role, slots: StatementSlot[]): (Edit | undefined)[] {
  const byPolicy = new Map<number, StatementSlot[]>();
  for (const s of slots) byPolicy.set(s.policyIndex, [...(byPolicy.get(s.policyIndex) ?? []), s]);
  const policies = slots[0]?.policies;
  if (policies === undefined) return [];
  const wholePolicies: number[] = [];
  const edits: (Edit | undefined)[] = [];
  for (const [policyIndex, list] of byPolicy) {
    const statements = list[0].statements;
    if (statements === undefined || list.length === statements.items.length) {
      wholePolicies.push(policyIndex);
      continue;
    }
    for (const s of list) edits.push(s.statementIndex === undefined ? undefined : replaceItem(doc, statements, s.statementIndex, []));
  }
  if (wholePolicies.length === policies.items.length) {
    const props = propsOf(doc, role);
    // The key goes with its last policy (an empty list where it cannot be cut out cleanly).
    edits.push(props === undefined ? undefined : removeEntry(doc, props, 'Policies') ?? setKey(doc, props, 'Policies', []));
  } else {
    for (const i of wholePolicies) edits.push(replaceItem(doc, policies, i, []));
  }
  return edits;
}

export const execPermissionsFix = guarded(execPermissionsFixUnsafe);
export const secretReadFix = guarded(secretReadFixUnsafe);
export const executionPolicyFix = guarded(executionPolicyFixUnsafe);
export const scopeResourcesFix = guarded(scopeResourcesFixUnsafe);
export const moveToTaskRoleFix = guarded(moveToTaskRoleFixUnsafe);
