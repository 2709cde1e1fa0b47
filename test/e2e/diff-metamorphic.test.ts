// Metamorphic tests of `diff` over real projects of the third-party corpus (../shared/corpus, read,
// never copied): each case takes a project's templates as base, applies one small edit to get head,
// and pins the verdict that edit must produce. No-ops (reformatting, reordering, renames, refactors
// that keep every permission and rule) must be `none` with every service unchanged and no finding
// new or resolved; an edit that adds a permission, a rule, a public IP, ECS Exec or loses the
// tasks' way to an AWS service must be `broadening`; pure reductions `narrowing`. Cases marked
// `todo` are confirmed bugs: they pass once the tool is fixed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { isMap, isPair, isScalar, isSeq, parseDocument, visit, type Document, type Scalar, type YAMLMap } from 'yaml';
import { defaultConfig } from '../../src/shared/config/index.ts';
import { diffPostures } from '../../src/shared/diff/diff.ts';
import type { DiffSide, PostureDiff, Verdict } from '../../src/shared/diff/types.ts';
import { scan } from '../../src/shared/engine.ts';
import { collectFiles } from '../../src/shared/io/walk.ts';
import { analysisDeps } from '../shared/diff/support.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CORPUS = resolve(ROOT, '..', 'shared', 'corpus');

// ---- mutations: text in, text out --------------------------------------------------------------

type Mutation = (text: string) => string;

/**
 * A structural edit of a template. The yaml package keeps CloudFormation's short tags (`!Ref`,
 * `!GetAtt`, `!Sub`) on their nodes, so YAML comes back with them; JSON is written back as JSON.
 */
function edit(change: (doc: Document) => void): Mutation {
  return (text) => {
    const doc = parseDocument(text, { uniqueKeys: false });
    change(doc);
    if (!text.trimStart().startsWith('{')) return doc.toString({ lineWidth: 0 });
    return `${JSON.stringify(doc.toJS(), null, /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ')}\n`;
  };
}

const resources = (doc: Document): YAMLMap => doc.get('Resources', true) as YAMLMap;

/** Sets a value, replacing the node (a tag on the old node, like `!Ref`, does not stick to the new value). */
const set = (doc: Document, path: (string | number)[], value: unknown): void => doc.setIn(path, doc.createNode(value));

function append(doc: Document, path: (string | number)[], value: unknown): void {
  const list = doc.getIn(path, true);
  if (list === undefined) set(doc, path, [value]);
  else if (isSeq(list)) list.items.push(doc.createNode(value));
  else assert.fail(`${path.join('.')} is not a list`);
}

const addResource = (doc: Document, id: string, value: unknown): void => set(doc, ['Resources', id], value);

const deleteResource = (id: string): Mutation => edit((doc) => assert.ok(resources(doc).delete(id), `no resource ${id}`));

const INTRINSICS: Record<string, string> = { '!Ref': 'Ref', '!GetAtt': 'Fn::GetAtt', '!Sub': 'Fn::Sub', Ref: 'Ref', 'Fn::GetAtt': 'Fn::GetAtt', 'Fn::Sub': 'Fn::Sub', DependsOn: 'DependsOn' };

/** The nearest enclosing Ref, GetAtt, Sub or DependsOn of a scalar, short tag or long form. */
function intrinsicOf(node: Scalar, path: readonly unknown[]): string | undefined {
  for (const n of [node, ...[...path].reverse()]) {
    if ((isScalar(n) || isSeq(n) || isMap(n)) && n.tag !== undefined) return INTRINSICS[n.tag];
    if (isPair(n) && isScalar(n.key) && INTRINSICS[String(n.key.value)] !== undefined) return INTRINSICS[String(n.key.value)];
  }
  return undefined;
}

/** Renames a resource's logical ID and every Ref, GetAtt, Sub `${…}` and DependsOn naming it. */
function rename(from: string, to: string): Mutation {
  return edit((doc) => {
    const entry = resources(doc).items.find((p) => isScalar(p.key) && p.key.value === from);
    assert.ok(entry !== undefined && isScalar(entry.key), `no resource ${from}`);
    entry.key.value = to;
    const inSub = new RegExp(`\\$\\{${from}(?=[.}])`, 'g');
    visit(doc, {
      Scalar(_key, node, path) {
        if (typeof node.value !== 'string') return;
        const fn = intrinsicOf(node, path);
        if ((fn === 'Ref' || fn === 'DependsOn') && node.value === from) node.value = to;
        else if (fn === 'Fn::GetAtt' && (node.value === from || node.value.startsWith(`${from}.`))) node.value = to + node.value.slice(from.length);
        else if (fn === 'Fn::Sub') node.value = node.value.replace(inSub, `\${${to}`);
      },
    });
  });
}

/** Comments and blank lines only. */
const comments: Mutation = (text) => `# metamorphic: a comment\n${text.replace(/^([ \t]+Type: ['"]?AWS::[\w:]+['"]?)[ \t]*$/gm, '\n$1  # a comment')}`;

const reorderProperties = edit((doc) => {
  for (const r of resources(doc).items) {
    const props = isMap(r.value) ? r.value.get('Properties', true) : undefined;
    if (isMap(props)) props.items.reverse();
  }
});

const LONG_FORM: Record<string, string> = {
  '!Ref': 'Ref', '!Condition': 'Condition', '!GetAtt': 'Fn::GetAtt', '!Sub': 'Fn::Sub', '!Join': 'Fn::Join', '!Select': 'Fn::Select', '!Split': 'Fn::Split',
  '!If': 'Fn::If', '!Equals': 'Fn::Equals', '!Not': 'Fn::Not', '!And': 'Fn::And', '!Or': 'Fn::Or', '!FindInMap': 'Fn::FindInMap', '!GetAZs': 'Fn::GetAZs',
  '!ImportValue': 'Fn::ImportValue', '!Base64': 'Fn::Base64', '!Cidr': 'Fn::Cidr',
};

/** `!Ref X` → `Ref: X`, `!GetAtt A.B` → `Fn::GetAtt: [A, B]`, and so on for every short tag. */
const longForm = edit((doc) => {
  visit(doc, {
    Node(_key, node) {
      const fn = node.tag === undefined ? undefined : LONG_FORM[node.tag];
      if (fn === undefined) return undefined;
      node.tag = undefined;
      const dot = isScalar(node) && typeof node.value === 'string' ? node.value.indexOf('.') : -1;
      const value = fn === 'Fn::GetAtt' && dot > 0 ? [(node as Scalar<string>).value.slice(0, dot), (node as Scalar<string>).value.slice(dot + 1)] : node;
      return doc.createNode({ [fn]: value });
    },
  });
});

const both = (first: Mutation, second: Mutation): Mutation => (text) => second(first(text));

const reorderResources = edit((doc) => void resources(doc).items.reverse());

const roundTrip = edit(() => {});

const ALLOW_ALL = { Effect: 'Allow', Action: '*', Resource: '*' };
const inlinePolicy = (role: string, name: string, statement: unknown): Mutation =>
  edit((doc) => append(doc, ['Resources', role, 'Properties', 'Policies'], { PolicyName: name, PolicyDocument: { Version: '2012-10-17', Statement: [statement] } }));
const SSH_FROM_ANYWHERE = { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' };
const openToTheWorld = edit((doc) => append(doc, ['Resources', 'ServiceSecurityGroup', 'Properties', 'SecurityGroupIngress'], { IpProtocol: '-1', CidrIp: '0.0.0.0/0' }));
const publicIp = (service: string, value: unknown): Mutation =>
  edit((doc) => set(doc, ['Resources', service, 'Properties', 'NetworkConfiguration', 'AwsvpcConfiguration', 'AssignPublicIp'], value));

// ---- cases -------------------------------------------------------------------------------------

interface Case {
  name: string;
  /** A project directory below the corpus; all its templates, or only `files`. */
  project: string;
  files?: string[];
  /** Edits of the project that give each side; base defaults to the project as it is. */
  base?: Record<string, Mutation>;
  head: Record<string, Mutation>;
  expect: Verdict;
  /**
   * For `none`: the edit is still listed (a rule another already covers is added, and FW202 reports
   * each world-open rule), so services may read "changed" and findings be new.
   */
  listed?: boolean;
  /** The service (by key) whose own verdict must be `expect` too. */
  service?: string;
  /** A reason the diff must give. */
  because?: RegExp;
  /** Set for a confirmed bug: the case fails until it is fixed. */
  todo?: string;
}

const P = 'aws-samples__container-patterns/pattern/';
const WEB = `${P}public-facing-web-ecs-fargate-cloudformation/files`; // public subnets, public IP
const API = `${P}public-facing-api-ecs-fargate-cloudformation/files`; // private subnets behind NAT
const BUN = `${P}bun-js-aws-sdk-container/files`; // inline task-role policy
const SAM = `${P}sam-fargate/files`;
const ISOLATED = `${P}ecs-cluster-isolated-vpc-no-nat-gateway/files`; // VPC endpoints, no NAT
const DUAL = `${P}dual-stack-ipv6-networking-ecs-fargate/files`; // AWS managed policies on the task role
const SPLIT = `${P}split-traffic-between-ec2-fargate-with-cloudformation/files`;
const SPOT = `${P}ecs-spot-capacity-cluster/files`;
const PECK = 'nathanpeck__aws-cloudformation-fargate';
const FARGATE = 'aws-cloudformation__aws-cloudformation-templates/ECS/FargateLaunchType';

const noOps: Case[] = [
  { name: 'a YAML round trip', project: WEB, head: { 'service.yml': roundTrip, 'vpc.yml': roundTrip }, expect: 'none' },
  { name: 'comments and blank lines', project: API, head: { 'service.yml': comments, 'vpc.yml': comments }, expect: 'none' },
  { name: "every resource's Properties in reverse order", project: ISOLATED, head: { 'isolated-vpc.yml': reorderProperties, 'private-service.yml': reorderProperties }, expect: 'none' },
  { name: 'the Resources section in reverse order', project: SAM, head: { 'template.yml': reorderResources, 'vpc.yml': reorderResources }, expect: 'none' },
  {
    name: 'JSON re-indented',
    project: FARGATE,
    files: ['clusters/public-vpc.json', 'services/public-service.json'],
    head: { 'services/public-service.json': (t) => `${JSON.stringify(JSON.parse(t), null, '\t')}\n`, 'clusters/public-vpc.json': (t) => JSON.stringify(JSON.parse(t)) },
    expect: 'none',
  },
  { name: 'the task role renamed with its references', project: BUN, head: { 'service.yml': rename('TaskRole', 'ApplicationTaskRole') }, expect: 'none' },
  { name: 'the task definition renamed', project: WEB, head: { 'service.yml': rename('TaskDefinition', 'WebTaskDefinition') }, expect: 'none' },
  { name: 'a public route table renamed', project: WEB, head: { 'vpc.yml': rename('PublicRouteTable', 'InternetRouteTable') }, expect: 'none' },
  { name: 'a NAT route renamed', project: API, head: { 'vpc.yml': rename('PrivateRouteOne', 'NatRouteOne') }, expect: 'none' },
  { name: 'a VPC endpoint renamed', project: ISOLATED, head: { 'isolated-vpc.yml': rename('CloudWatchLogsEndpoint', 'LogsEndpoint') }, expect: 'none' },
  { name: 'short tags written in long form', project: API, head: { 'service.yml': longForm, 'vpc.yml': longForm }, expect: 'none' },
  {
    name: 'an inline task-role policy moved to an AWS::IAM::Policy',
    project: BUN,
    head: {
      'service.yml': edit((doc) => {
        const policy = doc.getIn(['Resources', 'TaskRole', 'Properties', 'Policies', 0], true) as YAMLMap;
        doc.deleteIn(['Resources', 'TaskRole', 'Properties', 'Policies']);
        addResource(doc, 'TaskRolePolicy', { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'hit-counter', Roles: [{ Ref: 'TaskRole' }] } });
        set(doc, ['Resources', 'TaskRolePolicy', 'Properties', 'PolicyDocument'], policy.get('PolicyDocument', true));
      }),
    },
    expect: 'none',
  },
  {
    name: "CloudFormation's implicit allow-all egress written out",
    project: API,
    head: { 'service.yml': edit((doc) => set(doc, ['Resources', 'ServiceSecurityGroup', 'Properties', 'SecurityGroupEgress'], [{ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }])) },
    expect: 'none',
  },
  {
    name: 'a standalone egress rule to the S3 prefix list on a group that keeps the implicit allow-all',
    project: API,
    head: {
      'service.yml': edit((doc) =>
        addResource(doc, 'S3Egress', {
          Type: 'AWS::EC2::SecurityGroupEgress',
          Properties: { GroupId: doc.createNode({ 'Fn::GetAtt': ['ServiceSecurityGroup', 'GroupId'] }), IpProtocol: 'tcp', FromPort: 443, ToPort: 443, DestinationPrefixListId: 'pl-6da54004' },
        })),
    },
    expect: 'none',
    listed: true,
  },
  { name: 'AssignPublicIp: DISABLED where it was the default', project: ISOLATED, head: { 'private-service.yml': publicIp('Service', 'DISABLED') }, expect: 'none' },
  { name: 'EnableExecuteCommand: false where it was the default', project: API, head: { 'service.yml': edit((doc) => set(doc, ['Resources', 'Service', 'Properties', 'EnableExecuteCommand'], false)) }, expect: 'none' },
  {
    name: 'ssh from anywhere added to a group already open to the world on every port',
    project: API,
    base: { 'service.yml': openToTheWorld },
    head: { 'service.yml': both(openToTheWorld, edit((doc) => append(doc, ['Resources', 'ServiceSecurityGroup', 'Properties', 'SecurityGroupIngress'], SSH_FROM_ANYWHERE))) },
    expect: 'none',
    listed: true,
  },
  // Confirmed bugs.
  {
    name: 'two identical copies of a project whose stacks export the same names',
    project: PECK,
    head: {},
    expect: 'none',
  },
  {
    name: "the load balancer's security group renamed with its references",
    project: WEB,
    head: { 'service.yml': rename('PublicLoadBalancerSG', 'WebLoadBalancerSG') },
    expect: 'none',
  },
  {
    name: "an endpoint's default full-access policy written out",
    project: ISOLATED,
    head: { 'isolated-vpc.yml': edit((doc) => set(doc, ['Resources', 'CloudWatchLogsEndpoint', 'Properties', 'PolicyDocument'], { Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] })) },
    expect: 'none',
  },
  {
    name: 'an admin statement moved from an inline policy to a customer managed policy of the role',
    project: DUAL,
    base: { 'service.yml': inlinePolicy('ApplicationRole', 'admin', ALLOW_ALL) },
    head: {
      'service.yml': edit((doc) => {
        addResource(doc, 'AdminPolicy', { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Statement: [ALLOW_ALL] } } });
        append(doc, ['Resources', 'ApplicationRole', 'Properties', 'ManagedPolicyArns'], { Ref: 'AdminPolicy' });
      }),
    },
    expect: 'none',
  },
];

const broadening: Case[] = [
  { name: "Action '*' on Resource '*' in an inline policy of the task role", project: BUN, head: { 'service.yml': inlinePolicy('TaskRole', 'admin', ALLOW_ALL) }, expect: 'broadening', service: 'web' },
  {
    name: 's3:* on * in a new AWS::IAM::Policy attached to the task role',
    project: SAM,
    head: { 'template.yml': edit((doc) => addResource(doc, 'S3Policy', { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 's3', Roles: [{ Ref: 'ECSTaskRole' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } } })) },
    expect: 'broadening',
    service: 'hello-world',
  },
  {
    name: 'a task role where there was none',
    project: WEB,
    head: {
      'service.yml': edit((doc) => {
        addResource(doc, 'TaskRole', { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] } } });
        append(doc, ['Resources', 'TaskRole', 'Properties', 'Policies'], { PolicyName: 's3', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } });
        set(doc, ['Resources', 'TaskDefinition', 'Properties', 'TaskRoleArn'], { 'Fn::GetAtt': ['TaskRole', 'Arn'] });
      }),
    },
    expect: 'broadening',
    service: 'web',
  },
  { name: 'ssh from anywhere in the task group (inline)', project: API, head: { 'service.yml': edit((doc) => append(doc, ['Resources', 'ServiceSecurityGroup', 'Properties', 'SecurityGroupIngress'], SSH_FROM_ANYWHERE)) }, expect: 'broadening', service: 'web' },
  {
    name: 'ssh from anywhere in the task group (AWS::EC2::SecurityGroupIngress)',
    project: ISOLATED,
    head: { 'private-service.yml': edit((doc) => addResource(doc, 'SshIngress', { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: { 'Fn::GetAtt': ['ServiceSecurityGroup', 'GroupId'] }, ...SSH_FROM_ANYWHERE } })) },
    expect: 'broadening',
    service: 'sample-service',
  },
  { name: 'AssignPublicIp: ENABLED for tasks behind NAT', project: API, head: { 'service.yml': publicIp('Service', 'ENABLED') }, expect: 'broadening', service: 'web' },
  { name: 'AssignPublicIp: ENABLED for tasks in public subnets', project: WEB, base: { 'service.yml': publicIp('Service', 'DISABLED') }, head: {}, expect: 'broadening', service: 'web' },
  {
    name: 'the NAT route of a private route table removed (no endpoints)',
    project: API,
    head: { 'vpc.yml': deleteResource('PrivateRouteOne') },
    expect: 'broadening',
    service: 'web',
    because: /^web can no longer reach public\.ecr\.aws, logs$/,
  },
  { name: 'the internet route of public tasks removed', project: WEB, head: { 'vpc.yml': deleteResource('PublicRoute') }, expect: 'broadening', service: 'web', because: /^web can no longer reach/ },
  {
    name: 'AmazonECSTaskExecutionRolePolicy detached from the execution role of a Fargate task with a private ECR image and awslogs',
    project: SAM,
    head: { 'template.yml': edit((doc) => doc.deleteIn(['Resources', 'ECSTaskExecutionRole', 'Properties', 'ManagedPolicyArns'])) },
    expect: 'broadening',
    service: 'hello-world',
    because: /^hello-world can no longer start its tasks/,
  },
  {
    name: 'a Deny of ecr:* added to the execution role of a Fargate task with a private ECR image',
    project: SAM,
    head: { 'template.yml': inlinePolicy('ECSTaskExecutionRole', 'deny-ecr', { Effect: 'Deny', Action: 'ecr:*', Resource: '*' }) },
    expect: 'broadening',
    service: 'hello-world',
    because: /^hello-world can no longer start its tasks/,
  },
  {
    name: 'a secret its execution role cannot read, in a task definition an EC2 and a Fargate service both run',
    project: SPLIT,
    files: ['service-across-ec2-and-fargate.yml'],
    head: {
      'service-across-ec2-and-fargate.yml': edit((doc) =>
        set(doc, ['Resources', 'SampleTaskDefinition', 'Properties', 'ContainerDefinitions', 0, 'Secrets'], [{ Name: 'TOKEN', ValueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:token-AbCdEf' }])),
    },
    expect: 'broadening',
    service: 'ecs-metadata-on-fargate',
    because: /^ecs-metadata-on-ec2 can no longer start its tasks/,
  },
  {
    name: 'a permissions boundary without ECR or log actions on the execution role of a Fargate task with a private ECR image',
    project: SAM,
    head: { 'template.yml': edit((doc) => set(doc, ['Resources', 'ECSTaskExecutionRole', 'Properties', 'PermissionsBoundary'], 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')) },
    expect: 'broadening',
    service: 'hello-world',
    because: /^hello-world can no longer start its tasks/,
  },
  {
    name: 'EnableExecuteCommand: true',
    project: API,
    head: { 'service.yml': edit((doc) => set(doc, ['Resources', 'Service', 'Properties', 'EnableExecuteCommand'], true)) },
    expect: 'broadening',
    service: 'web',
    because: /^web now allows ECS Exec/,
  },
  {
    name: 'private DNS turned off on the logs endpoint',
    project: ISOLATED,
    head: { 'isolated-vpc.yml': edit((doc) => set(doc, ['Resources', 'CloudWatchLogsEndpoint', 'Properties', 'PrivateDnsEnabled'], false)) },
    expect: 'broadening',
    service: 'sample-service',
    because: /^sample-service can no longer reach logs$/,
  },
  {
    name: 'AssignPublicIp: DISABLED in public subnets: the tasks lose their way to ECR Public and logs',
    project: WEB,
    head: { 'service.yml': publicIp('Service', 'DISABLED') },
    expect: 'broadening',
    service: 'web',
    because: /^web can no longer reach public\.ecr\.aws, logs$/,
  },
];

const narrowing: Case[] = [
  {
    name: "the task role's only statement removed",
    project: BUN,
    head: { 'service.yml': edit((doc) => doc.deleteIn(['Resources', 'TaskRole', 'Properties', 'Policies'])) },
    expect: 'narrowing',
    service: 'web',
  },
  {
    name: 'an AWS managed policy detached from the task role',
    project: DUAL,
    head: { 'service.yml': edit((doc) => doc.deleteIn(['Resources', 'ApplicationRole', 'Properties', 'ManagedPolicyArns', 1])) },
    expect: 'narrowing',
    service: 'web',
  },
  {
    name: 'a permissions boundary that allows only one of the task role\'s AWS managed policies',
    project: DUAL,
    head: { 'service.yml': edit((doc) => set(doc, ['Resources', 'ApplicationRole', 'Properties', 'PermissionsBoundary'], 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')) },
    expect: 'narrowing',
    service: 'web',
  },
  { name: 'a Deny of everything added to the task role', project: BUN, head: { 'service.yml': inlinePolicy('TaskRole', 'deny', { Effect: 'Deny', Action: '*', Resource: '*' }) }, expect: 'narrowing', service: 'web' },
  { name: "the task group's ingress from the load balancer removed", project: API, head: { 'service.yml': deleteResource('ServiceIngressfromLoadBalancer') }, expect: 'narrowing', service: 'web' },
  {
    name: 'AssignPublicIp: DISABLED for tasks in private subnets behind NAT',
    project: PECK,
    files: ['fargate-networking-stacks/public-private-vpc.yml', 'service-stacks/private-subnet-private-loadbalancer.yml'],
    head: { 'service-stacks/private-subnet-private-loadbalancer.yml': publicIp('Service', 'DISABLED') },
    expect: 'narrowing',
    service: 'nginx',
    because: /^nginx no longer gets a public IP$/,
  },
  {
    name: "egress to 443 only instead of CloudFormation's allow-all",
    project: API,
    head: { 'service.yml': edit((doc) => set(doc, ['Resources', 'ServiceSecurityGroup', 'Properties', 'SecurityGroupEgress'], [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }])) },
    expect: 'narrowing',
    service: 'web',
  },
  // Confirmed bugs.
  {
    name: "the task group's only ingress rule (from the load balancer) removed, load balancer subnets from parameters",
    project: SPLIT,
    head: { 'service-across-ec2-and-fargate.yml': deleteResource('ServiceIngressFromPublicALB') },
    expect: 'narrowing',
  },
  {
    name: 'ssh from anywhere removed from tasks without public IPs in subnets from parameters',
    project: SPOT,
    base: { 'service.yml': edit((doc) => append(doc, ['Resources', 'ServiceSecurityGroup', 'Properties', 'SecurityGroupIngress'], SSH_FROM_ANYWHERE)) },
    head: {},
    expect: 'narrowing',
  },
  {
    name: "the admin statement removed from the task role that keeps AWS managed policies",
    project: DUAL,
    base: { 'service.yml': inlinePolicy('ApplicationRole', 'admin', ALLOW_ALL) },
    head: {},
    expect: 'narrowing',
  },
];

const mixed: Case[] = [
  {
    name: 'AssignPublicIp from a parameter without a default',
    project: API,
    head: {
      'service.yml': edit((doc) => {
        set(doc, ['Parameters', 'AssignPublicIp'], { Type: 'String', AllowedValues: ['ENABLED', 'DISABLED'] });
        set(doc, ['Resources', 'Service', 'Properties', 'NetworkConfiguration', 'AwsvpcConfiguration', 'AssignPublicIp'], { Ref: 'AssignPublicIp' });
      }),
    },
    expect: 'mixed',
    service: 'web',
  },
];

// ---- running -----------------------------------------------------------------------------------

/** The project's templates by path below the project directory. */
function projectFiles(c: Case): Map<string, string> {
  const dir = resolve(CORPUS, c.project);
  const collected = collectFiles(c.files?.map((f) => resolve(dir, f)) ?? [dir], { cwd: dir });
  assert.deepEqual(collected.errors, []);
  return new Map(collected.files.map((f) => [relative(dir, resolve(dir, f.path)), f.text]));
}

function side(name: 'base' | 'head', files: Map<string, string>): DiffSide {
  const sources = [...files].map(([path, text]) => ({ path: `${name}/${path}`, text }));
  return { ...scan(sources, analysisDeps(), defaultConfig(), { fixes: false }), root: name };
}

function apply(files: Map<string, string>, edits: Record<string, Mutation>): Map<string, string> {
  const out = new Map(files);
  for (const [file, mutate] of Object.entries(edits)) {
    const text = out.get(file);
    assert.ok(text !== undefined, `${file} is one of the project's templates`);
    const changed = mutate(text);
    assert.notEqual(changed, text, `the edit of ${file} changes it`);
    out.set(file, changed);
  }
  return out;
}

function run(c: Case): PostureDiff {
  const project = projectFiles(c);
  const before = side('base', apply(project, c.base ?? {}));
  const after = side('head', apply(project, c.head));
  assert.deepEqual(after.errors, before.errors?.map((e) => ({ ...e, file: e.file.replace(/^base\//, 'head/') })), 'the edit adds no input error');
  return diffPostures(before, after);
}

function check(c: Case): void {
  const diff = run(c);
  const why = `reasons: ${JSON.stringify(diff.reasons)}`;
  assert.equal(diff.verdict, c.expect, why);
  if (c.expect === 'none') {
    if (c.listed !== true) {
      assert.deepEqual(diff.services.filter((s) => s.status !== 'unchanged').map((s) => `${s.key}: ${s.status}`), [], why);
      assert.deepEqual([...diff.findings.new, ...diff.findings.resolved].map((f) => `${f.ruleId} ${f.resource}`), [], 'no finding new or resolved');
    }
  }
  if (c.because !== undefined) assert.ok(diff.reasons.some((r) => c.because!.test(r)), why);
  if (c.service !== undefined) {
    const own = diff.services.filter((s) => s.key === c.service);
    assert.equal(own.length, 1, `one service ${c.service}`);
    assert.equal(own[0]!.verdict, c.expect, why);
  }
}

describe('diff over corpus projects and one edit each', { skip: existsSync(CORPUS) ? false : `corpus not found at ${CORPUS}` }, () => {
  for (const [group, cases] of [['no-ops are none', noOps], ['broadening', broadening], ['narrowing', narrowing], ['mixed', mixed]] as const) {
    describe(group, () => {
      for (const c of cases) it(c.name, c.todo === undefined ? {} : { todo: c.todo }, () => check(c));
    });
  }
});
