import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evalPlain, evalYaml, problemMessages } from '../../../../support/cloudformation.ts';

const sections = `Parameters:
  AttrName: { Type: String, Default: Arn }
`;
const resources = `  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.1.0.0/16
  SelfRef:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: !GetAtt SelfRef.CidrBlock
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      AvailabilityZone: eu-west-1a
  Db:
    Type: AWS::RDS::DBInstance
  Param:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Value: hello
`;

describe('Fn::GetAtt', () => {
  const cases: [string, unknown][] = [
    ['!GetAtt Db.Endpoint.Address', '!GetAtt Db.Endpoint.Address'],
    ['!GetAtt [Db, Endpoint.Port]', '!GetAtt Db.Endpoint.Port'],
    ['{ "Fn::GetAtt": [Db, Arn] }', '!GetAtt Db.Arn'],
    ['{ "Fn::GetAtt": Db.Arn }', '!GetAtt Db.Arn'],
    ['!GetAtt [Db, !Ref AttrName]', '!GetAtt Db.Arn'],
    // Attributes that mirror a known property are known.
    ['!GetAtt Vpc.CidrBlock', '10.1.0.0/16'],
    ['!GetAtt Subnet.AvailabilityZone', 'eu-west-1a'],
    ['!GetAtt Subnet.VpcId', '!Ref Vpc'],
    ['!GetAtt Param.Value', 'hello'],
    // …and stay references when the property is absent, or when it refers to itself.
    ['!GetAtt Subnet.CidrBlock', '!GetAtt Subnet.CidrBlock'],
    ['!GetAtt SelfRef.CidrBlock', '!GetAtt SelfRef.CidrBlock'],
    ['!GetAtt Vpc.DefaultSecurityGroup', '!GetAtt Vpc.DefaultSecurityGroup'],
  ];
  for (const [expr, expected] of cases) {
    it(`${expr} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(evalPlain(expr, { sections, resources }), expected);
    });
  }

  const invalid: [string, RegExp][] = [
    ['!GetAtt Missing.Arn', /Fn::GetAtt on Missing, which is not a resource/],
    ['!GetAtt AttrName.Arn', /Fn::GetAtt on AttrName, which is a parameter/],
    ['!GetAtt NoDot', /takes \[resource, attribute\]/],
    ['!GetAtt [Db]', /takes \[resource, attribute\]/],
    ['!GetAtt [Db, Arn, Extra]', /takes \[resource, attribute\]/],
  ];
  for (const [expr, message] of invalid) {
    it(`${expr} is a problem`, () => {
      const { value, template } = evalYaml(expr, { sections, resources });
      assert.equal(value?.kind, 'unknown');
      assert.match(problemMessages(template).join('\n'), message);
    });
  }
});
