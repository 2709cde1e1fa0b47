import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { ActionInfo, IamCatalog } from '../../../../src/shared/analysis/catalog.ts';
import {
  actionMatches,
  allActions,
  expandActionPattern,
  expandNotAction,
  hasPlaceholder,
  lookupAction,
} from '../../../../src/shared/analysis/iam/expand.ts';
import { loadIamCatalog } from '../../../../src/shared/io/iam-catalog.ts';

const catalog = loadIamCatalog();
const names = (pattern: string): string[] => expandActionPattern(pattern, catalog).actions.map((a) => a.action);

function info(name: string, accessLevel: ActionInfo['accessLevel'] = 'Read'): ActionInfo {
  return { name, accessLevel, resourceLevel: true, resourceTypes: ['thing'] };
}

/** A catalog small enough that a table states every expected answer in full. */
const tiny: IamCatalog = {
  services: () => ['s3', 'sqs', 'iam'],
  actions: (prefix) =>
    ({
      s3: [info('GetObject'), info('GetObjectAcl'), info('PutObject', 'Write'), info('ListBucket', 'List')],
      sqs: [info('GetQueueUrl'), info('SendMessage', 'Write')],
      iam: [info('GetRole'), info('PutRolePolicy', 'Permissions management')],
    })[prefix.toLowerCase()],
};

describe('expandActionPattern (tiny catalog)', () => {
  const table: [string, string[]][] = [
    ['s3:GetObject', ['s3:GetObject']],
    ['S3:getobject', ['s3:GetObject']],
    ['s3:Get*', ['s3:GetObject', 's3:GetObjectAcl']],
    ['s3:*Object', ['s3:GetObject', 's3:PutObject']],
    ['s3:?etObject', ['s3:GetObject']],
    ['s3:?utObjec?', ['s3:PutObject']],
    ['s3:*', ['s3:GetObject', 's3:GetObjectAcl', 's3:PutObject', 's3:ListBucket']],
    ['*:Get*', ['s3:GetObject', 's3:GetObjectAcl', 'sqs:GetQueueUrl', 'iam:GetRole']],
    ['s?s:*', ['sqs:GetQueueUrl', 'sqs:SendMessage']],
    ['*', ['s3:GetObject', 's3:GetObjectAcl', 's3:PutObject', 's3:ListBucket', 'sqs:GetQueueUrl', 'sqs:SendMessage', 'iam:GetRole', 'iam:PutRolePolicy']],
    ['*:*', ['s3:GetObject', 's3:GetObjectAcl', 's3:PutObject', 's3:ListBucket', 'sqs:GetQueueUrl', 'sqs:SendMessage', 'iam:GetRole', 'iam:PutRolePolicy']],
  ];
  for (const [pattern, expected] of table) {
    it(`${pattern} → ${expected.length} actions`, () => {
      const result = expandActionPattern(pattern, tiny);
      assert.deepEqual(result.actions.map((a) => a.action), expected);
      assert.equal(result.unrecognised, false);
    });
  }

  const unrecognised = ['s3:GetObjects', 's3:Nothing*', 'nosuch:*', 'nosuch:GetObject', 'GetObject', 's3:', ':GetObject', '${Svc}:GetObject', 's3:${Action}', ''];
  for (const pattern of unrecognised) {
    it(`${JSON.stringify(pattern)} is unrecognised`, () => {
      assert.deepEqual(expandActionPattern(pattern, tiny), { actions: [], unrecognised: true });
    });
  }
});

describe('expandActionPattern (real catalog)', () => {
  it('matches case-insensitively and returns canonical names', () => {
    assert.deepEqual(names('S3:GETOBJECT'), ['s3:GetObject']);
    assert.deepEqual(names('iam:passrole'), ['iam:PassRole']);
  });

  it('expands prefix and infix wildcards', () => {
    const gets = names('s3:Get*');
    assert.ok(gets.includes('s3:GetObject') && gets.includes('s3:GetBucketPolicy'));
    assert.ok(gets.every((a) => a.startsWith('s3:Get')));
    assert.deepEqual(names('iam:Put*Policy').sort(), ['iam:PutGroupPolicy', 'iam:PutRolePolicy', 'iam:PutUserPolicy']);
    assert.deepEqual(names('ssmmessages:*Channel').sort(), [
      'ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel',
    ]);
  });

  it('expands * to every action of every service, and *:Get* across services', () => {
    const all = names('*');
    assert.equal(all.length, allActions(catalog).length);
    assert.ok(all.length > 15000, `${all.length}`);
    assert.equal(new Set(all).size, all.length);
    const gets = names('*:Get*');
    assert.ok(gets.includes('s3:GetObject') && gets.includes('dynamodb:GetItem') && gets.includes('ssm:GetParameter'));
    assert.ok(gets.every((a) => /^[^:]+:get/i.test(a)));
    assert.ok(gets.includes('apigateway:GET'), 'case-insensitive, as IAM matches');
  });

  it('carries the catalog access level', () => {
    const level = (a: string): string | undefined => lookupAction(a, catalog)?.info.accessLevel;
    assert.equal(level('s3:GetObject'), 'Read');
    assert.equal(level('s3:PutObject'), 'Write');
    assert.equal(level('iam:PutRolePolicy'), 'Permissions management');
    assert.equal(level('s3:ListBucket'), 'List');
    assert.equal(level('s3:PutObjectTagging'), 'Tagging');
  });

  it('caches: the same pattern in any case gives the same result object', () => {
    assert.equal(expandActionPattern('ec2:Describe*', catalog), expandActionPattern('EC2:describe*', catalog));
  });

  it('treats unknown services, typos and placeholders as unrecognised', () => {
    for (const p of ['nosuchservice:*', 's3:GetObjekt', 'arn:${AWS::Partition}:GetObject', '${Prefix}:GetObject']) {
      assert.equal(expandActionPattern(p, catalog).unrecognised, true, p);
    }
  });
});

describe('expandNotAction', () => {
  it('is the complement over the whole catalog', () => {
    const result = expandNotAction(['iam:*'], catalog).actions.map((a) => a.action);
    assert.ok(result.includes('s3:GetObject'));
    assert.ok(result.includes('sts:AssumeRole'));
    assert.ok(!result.some((a) => a.startsWith('iam:')));
    assert.equal(result.length, allActions(catalog).length - names('iam:*').length);
  });

  it('excludes every listed pattern and reports the ones that match nothing', () => {
    const result = expandNotAction(['iam:*', 'organizations:*', 'account:*', 'nosuch:Thing'], catalog);
    const actions = result.actions.map((a) => a.action);
    assert.ok(!actions.some((a) => /^(iam|organizations|account):/.test(a)));
    assert.ok(actions.includes('ec2:RunInstances'));
    assert.deepEqual(result.unrecognised, ['nosuch:Thing']);
  });

  it('caches per set of patterns, ignoring order and case', () => {
    assert.equal(expandNotAction(['iam:*', 's3:*'], catalog), expandNotAction(['S3:*', 'IAM:*'], catalog));
  });

  it('NotAction * leaves nothing; an empty list leaves everything', () => {
    assert.deepEqual(expandNotAction(['*'], tiny).actions, []);
    assert.equal(expandNotAction([], tiny).actions.length, 8);
  });
});

describe('actionMatches and hasPlaceholder', () => {
  const table: [string, string, boolean][] = [
    ['*', 'anything:AtAll', true],
    ['s3:Get*', 's3:GetObject', true],
    ['S3:GET*', 's3:GetObject', true],
    ['s3:Get*', 's3:PutObject', false],
    ['s3:?etObject', 's3:GetObject', true],
    ['s3:GetObject', 's3:GetObjectAcl', false],
    ['*:Get*', 'brandnew:GetThing', true],
    ['s3.*', 's3:GetObject', false],
    ['${Svc}:*', 's3:GetObject', false],
  ];
  for (const [pattern, action, expected] of table) {
    it(`${pattern} ${expected ? 'matches' : 'does not match'} ${action}`, () => assert.equal(actionMatches(pattern, action), expected));
  }

  it('spots placeholders', () => {
    assert.equal(hasPlaceholder('arn:${AWS::Partition}:s3:::b'), true);
    assert.equal(hasPlaceholder('arn:aws:s3:::b/*'), false);
  });
});
