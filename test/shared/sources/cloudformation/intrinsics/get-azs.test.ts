import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evalPlain, resolveYaml, plain, propertyAt } from '../../../../support/cloudformation.ts';

const azs = (prefix = '') => [0, 1, 2, 3, 4, 5].map((i) => `~\${AZ${prefix}[${i}]}`);

describe('Fn::GetAZs', () => {
  const cases: [string, unknown][] = [
    ["!GetAZs ''", azs()],
    ['!GetAZs', azs()],
    ["!GetAZs { Ref: 'AWS::Region' }", azs()],
    ["{ 'Fn::GetAZs': '' }", azs()],
    ['!GetAZs us-west-2', azs('(us-west-2)')],
    ['!Select [3, !GetAZs us-west-2]', '~${AZ(us-west-2)[3]}'],
  ];
  for (const [expr, expected] of cases) {
    it(`${expr} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(evalPlain(expr), expected);
    });
  }

  it('two subnets selecting the same index get equal AZ strings, different indexes differ', () => {
    const template = resolveYaml(`Resources:
  A:
    Type: AWS::EC2::Subnet
    Properties: { AvailabilityZone: !Select [0, !GetAZs ''] }
  B:
    Type: AWS::EC2::Subnet
    Properties:
      AvailabilityZone: { 'Fn::Select': [0, { 'Fn::GetAZs': { Ref: 'AWS::Region' } }] }
  C:
    Type: AWS::EC2::Subnet
    Properties: { AvailabilityZone: !Select [1, !GetAZs ''] }
`);
    const [a, b, c] = ['A', 'B', 'C'].map((id) => plain(propertyAt(template, id, 'AvailabilityZone')));
    assert.equal(a, b);
    assert.notEqual(a, c);
  });

  it('the region of the stack, when supplied, is the default region', () => {
    const options = { pseudoParameters: { 'AWS::Region': 'eu-west-1' } };
    assert.deepEqual(evalPlain('!GetAZs eu-west-1', { options }), azs());
  });
});
