import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { InfraIndex } from '../../../src/shared/analysis/infra-index.ts';
import {
  allows,
  computePermissions,
  grantedServicePrefixes,
  isAwsManagedArn,
  isEverythingPattern,
  notResourceList,
  patternSpecificity,
  UNKNOWN_RESOURCE,
} from '../../../src/shared/analysis/permissions.ts';
import { allActions } from '../../../src/shared/analysis/iam/expand.ts';
import type { Attr, EffectivePermissions, EntityRef, Grant, Infra, Policy, PolicyDocument, Role, Statement } from '../../../src/shared/model/index.ts';
import { loadIamCatalog } from '../../../src/shared/io/iam-catalog.ts';
import { loadManagedPolicies } from '../../../src/shared/io/managed-policies.ts';
import { entity, external, infra, known, ref, src, unknown } from '../../support/model.ts';

const catalog = loadIamCatalog();
const managed = loadManagedPolicies();
const EXEC_ARN = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';

let line = 10;
function values(list: (string | Attr<string>)[]): Attr<string>[] {
  return list.map((v) => (typeof v === 'string' ? known(v, line++) : v));
}

function allow(actions: (string | Attr<string>)[], resources: (string | Attr<string>)[] = ['*'], extra: Partial<Statement> = {}): Statement {
  return { effect: 'Allow', actions: values(actions), resources: values(resources), source: src(line++), ...extra };
}

function deny(actions: (string | Attr<string>)[], resources: (string | Attr<string>)[] = ['*'], extra: Partial<Statement> = {}): Statement {
  return { effect: 'Deny', actions: values(actions), resources: values(resources), source: src(line++), ...extra };
}

function doc(name: string, ...statements: Statement[]): PolicyDocument {
  return { name, statements, source: src(line++) };
}

function role(logicalId: string, parts: Partial<Role> = {}): Role {
  return { ...entity(logicalId), inlinePolicies: [], managedPolicies: [], ...parts };
}

function policy(logicalId: string, kind: Policy['kind'], roles: EntityRef[], ...statements: Statement[]): Policy {
  return { ...entity(logicalId), kind, name: logicalId, roles, document: doc(logicalId, ...statements) };
}

function compute(model: Infra): Map<string, EffectivePermissions> {
  return computePermissions(model, new InfraIndex(model), catalog, managed);
}

function only(model: Infra): EffectivePermissions {
  const out = compute(model);
  assert.equal(out.size, model.roles.length);
  const first = out.get(model.roles[0].id);
  assert.ok(first);
  return first;
}

function find(perms: EffectivePermissions, action: string, resource?: string): Grant[] {
  return perms.grants.filter((g) => g.action === action && (resource === undefined || g.resource === resource));
}

describe('computePermissions: sources of permissions', () => {
  it('unions inline, standalone Policy, in-template ManagedPolicy and AWS managed policies', () => {
    const model = infra({
      roles: [
        role('TaskRole', {
          inlinePolicies: [doc('app', allow(['s3:GetObject'], ['arn:aws:s3:::assets/*']))],
          managedPolicies: [ref('TableAccess'), external(EXEC_ARN)],
        }),
      ],
      policies: [
        policy('QueuePolicy', 'inline', [ref('TaskRole')], allow(['sqs:SendMessage'], ['arn:aws:sqs:eu-west-1:123456789012:jobs'])),
        policy('TableAccess', 'managed', [], allow(['dynamodb:GetItem', 'dynamodb:Query'], ['arn:aws:dynamodb:eu-west-1:123456789012:table/orders'])),
      ],
    });
    const perms = only(model);
    const view = (action: string): Pick<Grant, 'resource' | 'via' | 'pattern'>[] =>
      find(perms, action).map((g) => ({ resource: g.resource, via: g.via, pattern: g.pattern }));

    assert.deepEqual(view('s3:GetObject'), [{ resource: 'arn:aws:s3:::assets/*', via: 'TaskRole inline', pattern: 's3:GetObject' }]);
    assert.deepEqual(view('sqs:SendMessage'), [{ resource: 'arn:aws:sqs:eu-west-1:123456789012:jobs', via: 'template.yaml#QueuePolicy', pattern: 'sqs:SendMessage' }]);
    assert.equal(find(perms, 'dynamodb:Query')[0]?.via, 'template.yaml#TableAccess');
    assert.deepEqual(view('ecr:GetAuthorizationToken'), [{ resource: '*', via: EXEC_ARN, pattern: 'ecr:GetAuthorizationToken' }]);
    assert.ok(find(perms, 'logs:PutLogEvents').length === 1);

    assert.deepEqual(perms.awsManagedPolicies.map(({ arn, name, known: k }) => ({ arn, name, known: k })), [
      { arn: EXEC_ARN, name: 'AmazonECSTaskExecutionRolePolicy', known: true },
    ]);
    assert.deepEqual(perms.unknown, []);
    assert.deepEqual(perms.unrecognised, []);

    const managedPatterns = perms.patterns.filter((p) => p.managed).map((p) => p.pattern);
    assert.ok(managedPatterns.includes('ecr:BatchGetImage'));
    assert.ok(perms.patterns.filter((p) => !p.managed).some((p) => p.pattern === 'dynamodb:Query'));
    // AWS managed statements point at the line that attaches the policy.
    assert.deepEqual(find(perms, 'ecr:BatchGetImage')[0].source, external(EXEC_ARN).source);
  });

  it('gives every role an entry, also one without policies', () => {
    const model = infra({ roles: [role('Empty'), role('Other')] });
    const out = compute(model);
    assert.deepEqual([...out.keys()], ['template.yaml#Empty', 'template.yaml#Other']);
    assert.deepEqual(out.get('template.yaml#Empty'), {
      roleId: 'template.yaml#Empty', grants: [], patterns: [], awsManagedPolicies: [], unknown: [], unrecognised: [],
    });
  });

  it('attaches a Policy that names the role by literal RoleName, and counts a policy attached twice once', () => {
    const model = infra({
      roles: [role('TaskRole', { roleName: 'orders-task', managedPolicies: [ref('Shared')] })],
      policies: [
        policy('ByName', 'inline', [external('orders-task')], allow(['sns:Publish'])),
        policy('Shared', 'managed', [ref('TaskRole')], allow(['kms:Decrypt'])),
        policy('Elsewhere', 'inline', [external('another-role')], allow(['ec2:RunInstances'])),
      ],
    });
    const perms = only(model);
    assert.equal(find(perms, 'sns:Publish').length, 1);
    assert.equal(perms.patterns.filter((p) => p.pattern === 'kms:Decrypt').length, 1);
    assert.equal(find(perms, 'ec2:RunInstances').length, 0);
  });

  it('notes on every role a Policy whose Roles the files do not decide, with what it says, instead of letting it grant nothing', () => {
    const undecided: EntityRef = { kind: 'unknown', reason: 'parameter TaskRoleName has no default', source: src(30) };
    const model = infra({
      roles: [role('TaskRole'), role('OtherRole')],
      policies: [
        policy('Imported', 'inline', [undecided], allow(['sqs:SendMessage'], ['arn:aws:sqs:eu-west-1:123456789012:jobs', '${Queue.Arn}'])),
        policy('Both', 'inline', [ref('TaskRole'), undecided], allow(['sns:Publish'])),
      ],
    });
    const perms = compute(model);
    const task = perms.get(entity('TaskRole').id)!;
    const other = perms.get(entity('OtherRole').id)!;
    assert.equal(find(task, 'sqs:SendMessage').length, 0, 'not granted: the attachment is not known');
    const note = (p: EffectivePermissions, id: string) => p.unknown.filter((n) => n.startsWith(`policy ${id} `));
    assert.equal(note(task, 'Imported').length, 1);
    assert.match(note(task, 'Imported')[0]!, /may be attached: the files do not decide its Roles \(parameter TaskRoleName has no default\); it says: Allow sqs:SendMessage on arn:aws:sqs:eu-west-1:123456789012:jobs, \$\{…\}$/);
    assert.equal(note(other, 'Imported').length, 1, 'any role may be the one');
    assert.equal(find(task, 'sns:Publish').length, 1, 'attached where the files say');
    assert.deepEqual(note(task, 'Both'), [], 'and not noted on the role it is known to attach to');
    assert.equal(note(other, 'Both').length, 1);
  });

  it('past a few undecided policies, a role gets one note for all of them, which changes when any of them does', () => {
    const undecided = (line: number): EntityRef => ({ kind: 'unknown', reason: 'Fn::ImportValue role', source: src(line) });
    const model = (action: string, shift = 0) => infra({
      roles: [role('TaskRole'), role('OtherRole')],
      policies: [0, 1, 2, 3, 4].map((i) => ({ ...policy(`P${i}`, 'inline', [undecided(100 + i + shift)], allow([i === 4 ? action : 'sqs:SendMessage'])), source: src(100 + i + shift) })),
    });
    const notes = (m: Infra) => compute(m).get(entity('TaskRole').id)!.unknown.filter((n) => n.includes('may be attached'));
    const before = notes(model('sns:Publish'));
    assert.equal(before.length, 1, 'one note, not five');
    assert.match(before[0]!, /^5 policies whose Roles the files do not decide may be attached \(P0, P1, P2, and 2 more\); what they say, together: [0-9a-f]{16}$/);
    assert.deepEqual(notes(model('sns:Publish', 7)), before, 'moved lines are no change');
    assert.notDeepEqual(notes(model('*')), before, 'an edit to one of them is');
  });

  it('resolves AdministratorAccess through ${AWS::Partition} and expands * to the whole catalog', () => {
    const model = infra({ roles: [role('Admin', { managedPolicies: [external('arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess')] })] });
    const perms = only(model);
    assert.equal(perms.grants.length, allActions(catalog).length);
    assert.ok(perms.grants.every((g) => g.resource === '*' && g.pattern === '*' && g.via === 'arn:aws:iam::aws:policy/AdministratorAccess'));
    assert.equal(perms.awsManagedPolicies[0].name, 'AdministratorAccess');
    assert.deepEqual(perms.patterns.map((p) => ({ pattern: p.pattern, managed: p.managed })), [{ pattern: '*', managed: true }]);
    assert.deepEqual(grantedServicePrefixes(perms), []);
    assert.equal(allows(perms, 'iam:PassRole'), true);
  });

  it('says what could not be resolved: customer managed ARNs, unknown AWS policies, unresolved references', () => {
    const model = infra({
      roles: [
        role('TaskRole', {
          managedPolicies: [
            external('arn:aws:iam::123456789012:policy/team-boundary'),
            external('arn:aws:iam::aws:policy/NotARealPolicyName'),
            { kind: 'unknown', reason: 'Fn::ImportValue Shared-PolicyArn', source: src(40) },
            ref('MissingPolicy'),
          ],
          permissionsBoundary: external('arn:aws:iam::123456789012:policy/boundary'),
        }),
      ],
    });
    const perms = only(model);
    assert.deepEqual(perms.grants, []);
    assert.deepEqual(perms.awsManagedPolicies.map((p) => [p.name, p.known]), [['NotARealPolicyName', false]]);
    const text = perms.unknown.join('\n');
    assert.match(text, /customer managed policy arn:aws:iam::123456789012:policy\/team-boundary .*not defined in the scanned files/);
    assert.match(text, /AWS managed policy arn:aws:iam::aws:policy\/NotARealPolicyName .*not in the bundled snapshot/);
    assert.match(text, /could not be resolved \(Fn::ImportValue Shared-PolicyArn\)/);
    assert.match(text, /template\.yaml#MissingPolicy .*not a policy in the scanned files/);
    assert.match(text, /permissions boundary .* not applied/);
  });
});

describe('computePermissions: expansion', () => {
  it('tags each action with its access level and resource-level support', () => {
    const perms = only(infra({ roles: [role('R', { inlinePolicies: [doc('p', allow(['s3:GetObject', 's3:PutObject', 'iam:PutRolePolicy', 's3:ListBucket', 's3:ListAllMyBuckets']))] })] }));
    const levels = Object.fromEntries(perms.grants.map((g) => [g.action, [g.accessLevel, g.resourceLevel]]));
    assert.deepEqual(levels, {
      's3:GetObject': ['Read', true],
      's3:PutObject': ['Write', true],
      'iam:PutRolePolicy': ['Permissions management', true],
      's3:ListBucket': ['List', true],
      's3:ListAllMyBuckets': ['List', false],
    });
  });

  it('expands wildcards per resource, canonicalises case and de-duplicates keeping the most specific pattern', () => {
    const model = infra({
      roles: [
        role('R', {
          inlinePolicies: [doc('p', allow(['SQS:sendmessage'], ['arn:aws:sqs:*:*:a', 'arn:aws:sqs:*:*:b']), allow(['sqs:Send*'], ['arn:aws:sqs:*:*:a']))],
        }),
      ],
    });
    const perms = only(model);
    const send = find(perms, 'sqs:SendMessage');
    assert.deepEqual(send.map((g) => [g.resource, g.pattern]), [['arn:aws:sqs:*:*:a', 'SQS:sendmessage'], ['arn:aws:sqs:*:*:b', 'SQS:sendmessage']]);
    assert.equal(perms.grants.length, 2, 'sqs:Send* on a adds nothing new: it is the same grant as SendMessage on a');
    const keys = perms.grants.map((g) => `${g.action}|${g.resource}|${g.condition ?? ''}`);
    assert.equal(new Set(keys).size, keys.length);
  });

  it('grants an action only on resources of its types, however the ARN is spelled', () => {
    const statement = allow(['dynamodb:GetItem', 'dynamodb:Query'], [
      '${Orders.Arn}',
      '${Orders.Arn}/index/*',
      'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Orders}/index/*',
    ]);
    const granted = (resources: Infra['resources']) =>
      only(infra({ roles: [role('R', { inlinePolicies: [doc('p', statement)] })], resources })).grants.map((g) => `${g.action} ${g.resource}`);
    assert.deepEqual(granted([{ ...entity('Orders'), type: 'AWS::DynamoDB::Table' }]), [
      'dynamodb:GetItem ${Orders.Arn}',
      'dynamodb:Query ${Orders.Arn}',
      'dynamodb:Query ${Orders.Arn}/index/*',
      'dynamodb:Query arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Orders}/index/*',
    ], 'GetItem acts on the table, not on an index, whether the index ARN is written with GetAtt or Sub');
    assert.ok(granted([]).includes('dynamodb:GetItem ${Orders.Arn}/index/*'), 'what ${Orders.Arn} stands for is unknown without the table: kept');
  });

  it('keeps conditions on grants, and the same action with another condition is another grant', () => {
    const condition = '{"StringEquals":{"aws:SourceVpce":"vpce-1"}}';
    const perms = only(infra({ roles: [role('R', { inlinePolicies: [doc('p', allow(['s3:GetObject'], ['*'], { condition }), allow(['s3:GetObject']))] })] }));
    assert.deepEqual(find(perms, 's3:GetObject').map((g) => g.condition), [condition, undefined]);
    assert.equal(perms.patterns[0].condition, condition);
  });

  it('expands NotAction to the complement and labels it NOT', () => {
    const statement: Statement = { effect: 'Allow', notActions: values(['iam:*', 'organizations:*']), resources: values(['*']), source: src(5) };
    const perms = only(infra({ roles: [role('R', { inlinePolicies: [doc('p', statement)] })] }));
    assert.equal(find(perms, 's3:GetObject').length, 1);
    assert.equal(perms.grants.some((g) => g.action.startsWith('iam:') || g.action.startsWith('organizations:')), false);
    assert.equal(perms.grants[0].pattern, 'NOT iam:*, organizations:*');
    assert.deepEqual(perms.patterns.map((p) => [p.pattern, p.negated]), [['iam:*', true], ['organizations:*', true]]);
    assert.deepEqual(grantedServicePrefixes(perms), []);
  });

  it('writes NotResource grants as NOT <list>', () => {
    const statement: Statement = { effect: 'Allow', actions: values(['s3:GetObject']), notResources: values(['arn:aws:s3:::secret/*', 'arn:aws:s3:::audit/*']), source: src(5) };
    const perms = only(infra({ roles: [role('R', { inlinePolicies: [doc('p', statement)] })] }));
    assert.deepEqual(perms.grants.map((g) => g.resource), ['NOT arn:aws:s3:::secret/*, arn:aws:s3:::audit/*']);
    assert.deepEqual(notResourceList(perms.grants[0].resource), ['arn:aws:s3:::secret/*', 'arn:aws:s3:::audit/*']);
    assert.equal(allows(perms, 's3:GetObject', 'arn:aws:s3:::public/index.html'), true);
    assert.equal(allows(perms, 's3:GetObject', 'arn:aws:s3:::secret/key'), false);
    assert.equal(allows(perms, 's3:GetObject'), false);
  });

  it('reports unresolved entries, placeholders and unrecognised actions', () => {
    const statement = allow(
      ['s3:GetObject', unknown('parameter ActionName has no default', 30), '${Service}:GetItem', 's3:GetObjekt', 'newsvc:DoThing'],
      ['arn:aws:s3:::b/*', unknown('Fn::ImportValue Bucket', 31)],
    );
    const perms = only(infra({ roles: [role('R', { inlinePolicies: [doc('p', statement)] })] }));
    assert.deepEqual(perms.unrecognised, ['s3:GetObjekt', 'newsvc:DoThing']);
    const typo = find(perms, 's3:GetObjekt');
    assert.deepEqual(typo.map((g) => [g.accessLevel, g.resource]), [['Unknown', 'arn:aws:s3:::b/*'], ['Unknown', UNKNOWN_RESOURCE]]);
    assert.deepEqual(find(perms, 's3:GetObject').map((g) => g.resource), ['arn:aws:s3:::b/*', UNKNOWN_RESOURCE]);
    const text = perms.unknown.join('\n');
    assert.match(text, /an Action entry in R inline \(template\.yaml:\d+\) is unresolved \(parameter ActionName has no default\)/);
    assert.match(text, /Action \$\{Service\}:GetItem .* unresolved placeholder/);
    assert.match(text, /a Resource entry .* unresolved \(Fn::ImportValue Bucket\)/);
    assert.equal(perms.grants.some((g) => g.action.includes('${')), false);
  });
});

describe('computePermissions: several statements grant one action', () => {
  const EC2_READ_ONLY = 'arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess';

  /** Every grant as one line, sorted: the same set whatever order the grants were made in. */
  const lines = (perms: EffectivePermissions): string[] =>
    perms.grants.map((g) => `${g.action} ${g.resource} ${g.condition ?? '-'} | ${g.pattern} | ${g.via} | ${g.source.line}`).sort();

  function permutations<T>(items: readonly T[]): T[][] {
    if (items.length <= 1) return [[...items]];
    return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
  }

  const inlineStatements = (statements: Statement[]): EffectivePermissions => only(infra({ roles: [role('R', { inlinePolicies: [doc('p', ...statements)] })] }));

  it('gives each grant the most specific pattern, whatever the order of the statements', () => {
    const statements = [allow(['*']), allow(['s3:*']), allow(['s3:Get*']), allow(['s3:GetObject'])];
    const exact = statements[3].actions![0].source.line;
    const orders = permutations(statements).map(inlineStatements);
    assert.equal(orders.length, 24);
    for (const perms of orders) {
      const pattern = (action: string): [string, number][] => find(perms, action).map((g) => [g.pattern, g.source.line]);
      assert.deepEqual(pattern('s3:GetObject'), [['s3:GetObject', exact]]);
      assert.deepEqual(find(perms, 's3:GetBucketPolicy').map((g) => g.pattern), ['s3:Get*']);
      assert.deepEqual(find(perms, 's3:PutObject').map((g) => g.pattern), ['s3:*']);
      assert.deepEqual(find(perms, 'sqs:SendMessage').map((g) => g.pattern), ['*']);
      assert.equal(perms.grants.length, allActions(catalog).length, 'still one grant per action and resource');
      assert.deepEqual(lines(perms), lines(orders[0]));
    }
    assert.deepEqual(grantedServicePrefixes(orders[0]), ['s3']);
  });

  it('keeps a service named in one policy when an Allow * comes before it in another', () => {
    const queue = 'arn:aws:sqs:eu-west-1:123456789012:jobs';
    const send = doc('send', allow(['sqs:SendMessage'], [queue, '*']), allow(['sqs:ReceiveMessage'], [queue]));
    const admin = doc('admin', allow(['*'], ['*']));
    const [first, second] = [[send, admin], [admin, send]].map((inlinePolicies) => only(infra({ roles: [role('R', { inlinePolicies })] })));
    assert.deepEqual(lines(first), lines(second));
    for (const perms of [first, second]) {
      assert.deepEqual(find(perms, 'sqs:SendMessage', queue).map((g) => g.pattern), ['sqs:SendMessage']);
      assert.deepEqual(find(perms, 'sqs:SendMessage', '*').map((g) => g.pattern), ['sqs:SendMessage']);
      assert.deepEqual(find(perms, 'sqs:ReceiveMessage').map((g) => [g.resource, g.pattern]).sort(), [['*', '*'], [queue, 'sqs:ReceiveMessage']]);
    }
    assert.deepEqual(grantedServicePrefixes(second), ['sqs']);
  });

  it('lets the patterns of an AWS managed policy win over an Allow * in any policy, before or after it', () => {
    const admin = policy('Admin', 'managed', [], allow(['*']));
    const perms = (parts: Partial<Role>): EffectivePermissions => only(infra({ roles: [role('R', parts)], policies: [admin] }));
    const inlineFirst = perms({ inlinePolicies: [doc('admin', allow(['*']))], managedPolicies: [external(EC2_READ_ONLY)] });
    const adminFirst = perms({ managedPolicies: [ref('Admin'), external(EC2_READ_ONLY)] });
    const adminLast = perms({ managedPolicies: [external(EC2_READ_ONLY), ref('Admin')] });
    for (const p of [inlineFirst, adminFirst, adminLast]) {
      assert.deepEqual(find(p, 'ec2:DescribeInstances').map((g) => [g.pattern, g.via]), [['ec2:Describe*', EC2_READ_ONLY]]);
      assert.deepEqual(find(p, 'sqs:SendMessage').map((g) => g.pattern), ['*']);
    }
    assert.deepEqual(lines(adminFirst), lines(adminLast));
    const withoutVia = (p: EffectivePermissions): string[] => p.grants.map((g) => `${g.action} ${g.resource} ${g.pattern}`).sort();
    assert.deepEqual(withoutVia(inlineFirst), withoutVia(adminLast));
    const alone = perms({ managedPolicies: [external(EC2_READ_ONLY)] });
    assert.deepEqual(grantedServicePrefixes(adminFirst), grantedServicePrefixes(alone));
    assert.ok(grantedServicePrefixes(alone).includes('ec2'));
  });

  it('decides between equally specific spellings by code point, in either order', () => {
    const orders = [
      [allow(['sqs:SendMessage']), allow(['SQS:sendmessage'])],
      [allow(['SQS:sendmessage']), allow(['sqs:SendMessage'])],
    ].map(inlineStatements);
    for (const perms of orders) assert.deepEqual(find(perms, 'sqs:SendMessage').map((g) => g.pattern), ['SQS:sendmessage']);
    const unrecognised = [
      [allow(['newsvc:DoThing']), allow(['NEWSVC:dothing'])],
      [allow(['NEWSVC:dothing']), allow(['newsvc:DoThing'])],
    ].map(inlineStatements);
    for (const perms of unrecognised) assert.deepEqual(perms.grants.map((g) => [g.action, g.accessLevel]), [['NEWSVC:dothing', 'Unknown']]);
  });

  it('ranks patterns that name a service above every everything-pattern', () => {
    const descending = ['s3:GetObject', 's3:GetObject*', 's3:Get*', 's3:*', '*:GetObject', 'NOT iam:*', '*:Get*', '*'];
    for (let i = 1; i < descending.length; i++) {
      assert.ok(patternSpecificity(descending[i - 1]) > patternSpecificity(descending[i]), `${descending[i - 1]} > ${descending[i]}`);
    }
    const longNotAction = `NOT ${Array.from({ length: 400 }, (_, i) => `svc${i}:Action${i}`).join(', ')}`;
    assert.ok(patternSpecificity('s3:*') > patternSpecificity(longNotAction));
  });
});

describe('computePermissions: explicit Deny', () => {
  const withDocs = (...statements: Statement[]): EffectivePermissions => only(infra({ roles: [role('R', { inlinePolicies: [doc('p', ...statements)] })] }));

  it('removes grants an unconditional Deny covers, in any policy of the role', () => {
    const model = infra({
      roles: [role('R', { inlinePolicies: [doc('p', allow(['s3:*']))], managedPolicies: [ref('Guard')] })],
      policies: [policy('Guard', 'managed', [], deny(['s3:Delete*', 's3:PutBucketPolicy']))],
    });
    const perms = only(model);
    assert.equal(perms.grants.some((g) => g.action.startsWith('s3:Delete') || g.action === 's3:PutBucketPolicy'), false);
    assert.equal(find(perms, 's3:GetObject').length, 1);
    assert.deepEqual(perms.unknown, []);
    assert.deepEqual(perms.patterns.filter((p) => p.effect === 'Deny').map((p) => p.pattern), ['s3:Delete*', 's3:PutBucketPolicy']);
  });

  it('removes a grant when the Deny resource covers the granted pattern, and keeps it with a note when it covers only part', () => {
    const removed = withDocs(allow(['s3:GetObject'], ['arn:aws:s3:::b/reports/*']), deny(['s3:GetObject'], ['arn:aws:s3:::b/*']));
    assert.deepEqual(removed.grants, []);

    const partial = withDocs(allow(['s3:GetObject'], ['arn:aws:s3:::b/*']), deny(['s3:GetObject'], ['arn:aws:s3:::b/secret/*']));
    assert.deepEqual(partial.grants.map((g) => g.resource), ['arn:aws:s3:::b/*']);
    assert.equal(partial.unknown.length, 1);
    assert.match(partial.unknown[0], /covers only part of the resources of 1 grant; they are kept as written \(e\.g\. s3:GetObject on arn:aws:s3:::b\/\*\)/);

    const unrelated = withDocs(allow(['s3:GetObject'], ['arn:aws:s3:::a/*']), deny(['s3:GetObject'], ['arn:aws:s3:::b/*']), deny(['sqs:*']));
    assert.equal(unrelated.grants.length, 1);
    assert.deepEqual(unrelated.unknown, [], 'a Deny that overlaps no grant is not worth a note');
  });

  it('keeps grants a conditional Deny may remove, and says so', () => {
    const perms = withDocs(allow(['s3:GetObject', 's3:PutObject']), deny(['s3:PutObject'], ['*'], { condition: '{"Bool":{"aws:SecureTransport":"false"}}' }));
    assert.deepEqual(perms.grants.map((g) => g.action), ['s3:GetObject', 's3:PutObject']);
    assert.equal(perms.unknown.length, 1);
    assert.match(perms.unknown[0], /Deny in R inline \(template\.yaml:\d+\) applies only under its Condition; 1 grant it may remove is kept \(e\.g\. s3:PutObject on \*\)/);
  });

  it('applies a Deny with NotAction to everything but the listed actions', () => {
    const guard: Statement = { effect: 'Deny', notActions: values(['s3:GetObject', 'kms:Decrypt']), resources: values(['*']), source: src(5) };
    const perms = withDocs(allow(['s3:*', 'kms:*', 'sqs:SendMessage']), guard);
    assert.deepEqual(perms.grants.map((g) => g.action).sort(), ['kms:Decrypt', 's3:GetObject']);
  });

  it('applies a Deny with NotResource to resources outside its list only', () => {
    const guard: Statement = { effect: 'Deny', actions: values(['s3:*']), notResources: values(['arn:aws:s3:::mine/*']), source: src(5) };
    const perms = withDocs(allow(['s3:GetObject'], ['arn:aws:s3:::mine/a', 'arn:aws:s3:::theirs/a', '*']), guard);
    assert.deepEqual(perms.grants.map((g) => g.resource), ['arn:aws:s3:::mine/a', '*']);
    assert.match(perms.unknown.join('\n'), /covers only part of the resources of 1 grant.*s3:GetObject on \*/);
  });

  it('does not subtract with a Deny whose NotAction is unresolved', () => {
    const guard: Statement = { effect: 'Deny', notActions: values([unknown('parameter Allowed')]), resources: values(['*']), source: src(5) };
    const perms = withDocs(allow(['s3:GetObject']), guard);
    assert.equal(perms.grants.length, 1);
    assert.match(perms.unknown.join('\n'), /has an unresolved NotAction entry; 1 grant it may remove is kept/);
  });

  it('subtracts by the known entries of a Deny with an unresolved Action entry, and says it may remove more', () => {
    const perms = withDocs(allow(['s3:GetObject', 's3:PutObject']), deny(['s3:PutObject', unknown('parameter Extra')]));
    assert.deepEqual(perms.grants.map((g) => g.action), ['s3:GetObject']);
    assert.match(perms.unknown.join('\n'), /unresolved Action entry; it may remove more than is subtracted here/);
  });
});

describe('helpers', () => {
  it('isAwsManagedArn accepts AWS managed ARNs in any partition and rejects customer ARNs', () => {
    const table: [string, boolean][] = [
      ['arn:aws:iam::aws:policy/AdministratorAccess', true],
      [EXEC_ARN, true],
      ['arn:aws-cn:iam::aws:policy/ReadOnlyAccess', true],
      ['arn:aws-us-gov:iam::aws:policy/job-function/ViewOnlyAccess', true],
      ['arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess', true],
      ['arn:aws:iam::123456789012:policy/AdministratorAccess', false],
      ['AdministratorAccess', false],
      ['arn:aws:iam::aws:role/Something', false],
    ];
    for (const [arn, expected] of table) assert.equal(isAwsManagedArn(arn), expected, arn);
  });

  it('grantedServicePrefixes lists named services, not everything-patterns', () => {
    const perms = only(infra({
      roles: [role('R', { inlinePolicies: [doc('p', allow(['dynamodb:GetItem', 'SQS:Send*', '*:Describe*']), allow(['*'], ['arn:aws:s3:::b']))] })],
    }));
    assert.deepEqual(grantedServicePrefixes(perms), ['dynamodb', 'sqs']);
    const table: [string, boolean][] = [['*', true], ['*:Get*', true], ['?3:*', true], ['NOT iam:*', true], ['s3:*', false], ['s3:Get*', false]];
    for (const [p, expected] of table) assert.equal(isEverythingPattern(p), expected, p);
  });

  it('allows answers for an action on a resource (default: every resource)', () => {
    const perms = only(infra({
      roles: [role('R', {
        inlinePolicies: [doc('p',
          allow(['ssmmessages:CreateControlChannel', 'ssmmessages:OpenControlChannel']),
          allow(['secretsmanager:GetSecretValue'], ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-*']),
          allow(['s3:GetObject'], ['*'], { condition: '{"StringEquals":{"aws:SourceVpce":"vpce-1"}}' }),
          allow(['futuresvc:Get*']),
        )],
      })],
    }));
    const table: [string, string | undefined, boolean][] = [
      ['ssmmessages:CreateControlChannel', undefined, true],
      ['SSMMESSAGES:openControlChannel', undefined, true],
      ['ssmmessages:CreateDataChannel', undefined, false],
      ['secretsmanager:GetSecretValue', undefined, false],
      ['secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf', true],
      ['secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:api-AbCdEf', false],
      ['s3:GetObject', 'arn:aws:s3:::any/key', true],
      ['futuresvc:GetThing', undefined, true],
    ];
    for (const [action, resource, expected] of table) assert.equal(allows(perms, action, resource), expected, `${action} ${resource ?? '*'}`);
  });
});

describe('computePermissions: permissions boundary', () => {
  const appPolicy = doc('app', allow(['s3:GetObject', 'sqs:SendMessage']), allow(['dynamodb:GetItem'], ['arn:aws:dynamodb:*:*:table/orders']));

  it('an AWS managed boundary from the snapshot caps the grants to what it allows', () => {
    const perms = only(infra({ roles: [role('R', { inlinePolicies: [appPolicy], permissionsBoundary: external('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess') })] }));
    assert.deepEqual(perms.grants.map((g) => g.action), ['s3:GetObject']);
    // Patterns the boundary withholds entirely go too: rules fall back on patterns for actions the expansion missed.
    assert.deepEqual(perms.patterns.map((p) => p.pattern), ['s3:GetObject']);
    assert.deepEqual(perms.unknown, []);
  });

  it('a managed policy in the files as boundary: an action it allows only on some resources is kept and noted', () => {
    const boundary = policy('Boundary', 'managed', [], allow(['s3:*']), allow(['dynamodb:GetItem'], ['arn:aws:dynamodb:*:*:table/*']));
    const model = infra({ roles: [role('R', { inlinePolicies: [appPolicy], permissionsBoundary: ref('Boundary') })], policies: [boundary] });
    const perms = only(model);
    assert.deepEqual(perms.grants.map((g) => g.action).sort(), ['dynamodb:GetItem', 's3:GetObject']);
    assert.equal(perms.unknown.length, 1);
    assert.match(perms.unknown[0]!, /^the permissions boundary \(template\.yaml:\d+\) allows 1 of the granted action\(s\) only on some resources, under a condition or by a pattern \(e\.g\. dynamodb:GetItem\): effective permissions may be narrower than listed$/);
  });

  it('a Deny in the boundary takes the action away', () => {
    const boundary = policy('Boundary', 'managed', [], allow(['*']), deny(['sqs:*']));
    const perms = only(infra({ roles: [role('R', { inlinePolicies: [appPolicy], permissionsBoundary: ref('Boundary') })], policies: [boundary] }));
    assert.deepEqual(perms.grants.map((g) => g.action).sort(), ['dynamodb:GetItem', 's3:GetObject']);
    assert.deepEqual(perms.unknown, []);
  });

  it('one boundary shared by many roles is expanded once, outside the roles\' budget: every role gets it applied', () => {
    const boundary = policy('Boundary', 'managed', [], allow(['*']), deny(['sqs:*']));
    const roles = Array.from({ length: 80 }, (_, n) => role(`R${n}`, { inlinePolicies: [appPolicy], permissionsBoundary: ref('Boundary') }));
    const all = compute(infra({ roles, policies: [boundary] }));
    for (const perms of all.values()) {
      assert.deepEqual(perms.grants.map((g) => g.action).sort(), ['dynamodb:GetItem', 's3:GetObject'], perms.roleId);
      assert.deepEqual(perms.unknown, [], perms.roleId);
    }
  });

  it('a boundary whose own permissions are not fully known is not applied', () => {
    const partly = policy('Boundary', 'managed', [], allow(['s3:*']), allow([unknown('Ref ExtraAction')]));
    for (const [boundaryRef, policies] of [
      [ref('Boundary'), [partly]],
      [external('arn:aws:iam::123456789012:policy/org-boundary'), []],
      [external('arn:aws:iam::aws:policy/NotARealPolicyName'), []],
    ] as const) {
      const perms = only(infra({ roles: [role('R', { inlinePolicies: [appPolicy], permissionsBoundary: boundaryRef })], policies: [...policies] }));
      assert.equal(perms.grants.length, 3);
      assert.match(perms.unknown.join('\n'), /permissions boundary \(.*\) is not applied: effective permissions may be narrower than listed/);
    }
  });
});
