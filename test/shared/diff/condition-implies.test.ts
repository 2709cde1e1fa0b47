import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conditionImplies } from '../../../src/shared/diff/condition-implies.ts';
import { conditionKey } from '../../../src/shared/diff/diff.ts';

/** Whether a grant under `narrow` (a Condition object) is allowed under `wide` too. */
const implies = (narrow: object | undefined, wide: object | undefined): boolean =>
  conditionImplies(narrow === undefined ? '' : conditionKey(JSON.stringify(narrow)), wide === undefined ? '' : conditionKey(JSON.stringify(wide)));

const regions = (op: string, ...values: string[]) => ({ [op]: { 'aws:RequestedRegion': values } });

describe('conditionImplies', () => {
  it('no Condition on the wide side allows everything; none on the narrow side is implied only by none', () => {
    assert.equal(implies(regions('StringEquals', 'eu-west-1'), undefined), true);
    assert.equal(implies(undefined, undefined), true);
    assert.equal(implies(undefined, regions('StringEquals', 'eu-west-1')), false);
  });

  it('fewer values of a matching operator allow fewer requests; more do not', () => {
    assert.equal(implies(regions('StringEquals', 'eu-west-1'), regions('StringEquals', 'eu-west-1', 'us-east-1')), true);
    assert.equal(implies(regions('StringEquals', 'eu-west-1', 'us-east-1'), regions('StringEquals', 'eu-west-1')), false);
    assert.equal(implies(regions('StringEquals', 'eu-west-2'), regions('StringEquals', 'eu-west-1')), false);
  });

  it('more values of a negated operator allow fewer requests; fewer do not', () => {
    assert.equal(implies(regions('StringNotEquals', 'eu-west-1', 'us-east-1'), regions('StringNotEquals', 'us-east-1')), true);
    assert.equal(implies(regions('StringNotEquals', 'us-east-1'), regions('StringNotEquals', 'eu-west-1', 'us-east-1')), false);
    assert.equal(implies({ StringNotLike: { 's3:prefix': ['home/*'] } }, { StringNotLike: { 's3:prefix': ['home/admin/*'] } }), true);
    assert.equal(implies({ StringNotLike: { 's3:prefix': ['home/admin/*'] } }, { StringNotLike: { 's3:prefix': ['home/*'] } }), false);
  });

  it('a narrower pattern, a literal a pattern matches, and a CIDR inside another are implied', () => {
    assert.equal(implies({ StringLike: { 's3:prefix': 'home/alice/*' } }, { StringLike: { 's3:prefix': 'home/*' } }), true);
    assert.equal(implies({ StringLike: { 's3:prefix': 'home/*' } }, { StringLike: { 's3:prefix': 'home/alice/*' } }), false);
    assert.equal(implies({ StringEquals: { 's3:prefix': 'home/alice/' } }, { StringLike: { 's3:prefix': 'home/*' } }), true);
    assert.equal(implies({ StringLike: { 's3:prefix': 'home/*' } }, { StringEquals: { 's3:prefix': 'home/*' } }), false, 'a pattern is not the literal it spells');
    assert.equal(implies({ StringEquals: { 'aws:PrincipalTag/team': 'Orders' } }, { StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'orders' } }), true);
    assert.equal(implies({ IpAddress: { 'aws:SourceIp': '10.1.0.0/16' } }, { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } }), true);
    assert.equal(implies({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, { IpAddress: { 'aws:SourceIp': '10.1.0.0/16' } }), false);
    assert.equal(implies({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, { NotIpAddress: { 'aws:SourceIp': '10.1.0.0/16' } }), true);
  });

  it('ARN patterns are compared part by part, ArnEquals read as ArnLike; a policy variable only by its own text', () => {
    const arn = (op: string, v: string) => ({ [op]: { 'aws:SourceArn': v } });
    assert.equal(implies(arn('ArnEquals', 'arn:aws:sns:eu-west-1:111122223333:orders'), arn('ArnLike', 'arn:aws:sns:*:111122223333:*')), true);
    assert.equal(implies(arn('ArnLike', 'arn:aws:sns:*:111122223333:*'), arn('ArnEquals', 'arn:aws:sns:eu-west-1:111122223333:orders')), false);
    assert.equal(implies(arn('ArnLike', 'arn:aws:logs:eu-west-1:1:log-group:a:*'), arn('ArnLike', 'arn:aws:logs:*:*:*')), false, 'the parts do not line up');
    assert.equal(implies(arn('ArnLike', 'arn:aws:s3:::${aws:username}'), arn('ArnLike', 'arn:aws:s3:::*')), false);
  });

  it('every clause of the wide Condition needs one on the same key in the narrow one; extra narrow clauses only narrow', () => {
    const both = { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' }, Bool: { 'aws:SecureTransport': 'true' } };
    assert.equal(implies(both, regions('StringEquals', 'eu-west-1')), true);
    assert.equal(implies(regions('StringEquals', 'eu-west-1'), both), false);
    assert.equal(implies({ StringEquals: { 'aws:SourceVpc': 'vpc-1' } }, regions('StringEquals', 'vpc-1')), false, 'another key');
  });

  it('IfExists holds without the key: it does not imply the plain operator, which the plain one implies', () => {
    assert.equal(implies(regions('StringEqualsIfExists', 'eu-west-1'), regions('StringEquals', 'eu-west-1')), false);
    assert.equal(implies(regions('StringEquals', 'eu-west-1'), regions('StringEqualsIfExists', 'eu-west-1', 'us-east-1')), true);
  });

  it('set operators are compared only with the same set prefix; comparisons other than equality only when equal', () => {
    const tags = (op: string, ...values: string[]) => ({ [op]: { 'aws:TagKeys': values } });
    assert.equal(implies(tags('ForAllValues:StringEquals', 'team'), tags('ForAllValues:StringEquals', 'team', 'env')), true);
    assert.equal(implies(tags('ForAnyValue:StringEquals', 'team'), tags('ForAllValues:StringEquals', 'team', 'env')), false);
    assert.equal(implies(tags('StringEquals', 'team'), tags('ForAnyValue:StringEquals', 'team', 'env')), false);
    assert.equal(implies({ NumericLessThan: { 's3:max-keys': '10' } }, { NumericLessThan: { 's3:max-keys': '100' } }), false);
    assert.equal(implies({ NumericLessThan: { 's3:max-keys': '10' } }, { NumericLessThan: { 's3:max-keys': 10 } }), true);
  });

  it('a value the files do not decide implies nothing and is implied by nothing, even written the same: its branches may differ', () => {
    const undecided = (extra: object = {}) => ({ StringEquals: { 'aws:SourceVpc': '${unknown: condition IsProd cannot be decided from the files}' }, ...extra });
    assert.equal(implies(undecided({ Bool: { 'aws:SecureTransport': 'true' } }), undecided()), false);
    assert.equal(implies(regions('StringEquals', 'eu-west-1'), { ...regions('StringEquals', 'eu-west-1'), ...undecided() }), false);
    assert.equal(implies(undecided(), undefined), true, 'no Condition still allows everything');
  });

  it('condition keys that differ only in case are two clauses, both kept (a map by lower-case name kept the last)', () => {
    const both = { StringLike: { 'S3:Prefix': 'home/*', 's3:prefix': '*/private' } };
    assert.equal(implies({ StringLike: { 's3:prefix': 'x/private' } }, both), false);
    assert.equal(implies({ StringLike: { 's3:prefix': 'home/a/private' } }, both), true);
    assert.notEqual(conditionKey(JSON.stringify(both)), conditionKey('{"StringLike":{"s3:prefix":"*/private"}}'));
  });

  it('text that is not a Condition object implies only itself', () => {
    assert.equal(conditionImplies('not json', 'not json'), true);
    assert.equal(conditionImplies('not json', conditionKey('{"Bool":{"aws:SecureTransport":"true"}}')), false);
    assert.equal(conditionImplies(conditionKey('{"Bool":{"aws:SecureTransport":"true"}}'), 'not json'), false);
  });
});
