import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evalPlain, evalYaml, problemMessages } from '../../../../support/cloudformation.ts';

const sections = `Parameters:
  NoDefault: { Type: String }
`;
const resources = `  A:
    Type: AWS::EC2::Subnet
  B:
    Type: AWS::EC2::Subnet
  TaskRole:
    Type: AWS::IAM::Role
  PathRole:
    Type: AWS::IAM::Role
    Properties:
      Path: /team/
  ParamPathRole:
    Type: AWS::IAM::Role
    Properties:
      Path: !Ref NoDefault
`;

describe('Fn::Split', () => {
  const cases: [string, unknown][] = [
    ["!Split [',', 'a,b,,c']", ['a', 'b', '', 'c']],
    ["!Split ['|', 'a']", ['a']],
    ["!Split [',', '']", ['']],
    // Placeholders whose values cannot contain the delimiter split soundly.
    ["!Split [':', !Sub 'arn:${AWS::Partition}:s3:::b']", ['arn', '~${AWS::Partition}', 's3', '', '', 'b']],
    ["!Split ['/', !Sub '${AWS::Region}/${AWS::AccountId}']", ['~${AWS::Region}', '~${AWS::AccountId}']],
    // A list of resources joined with commas splits back into references.
    ["!Split [',', !Join [',', [!Ref A, !GetAtt B.SubnetId]]]", ['!Ref A', '!GetAtt B.SubnetId']],
    // …but a delimiter that can occur inside a placeholder's value makes the result unknown.
    ["!Split ['-', !Sub '${AWS::Region}-x']", '?Fn::Split on "-" of a string holding ${AWS::Region}, whose value may contain it'],
    ["!Split [':', !Sub 'x:${A.Arn}']", '?Fn::Split on ":" of a string holding ${A.Arn}, whose value may contain it'],
    ["!Split ['/', !Sub '${A}/${B}']", '?Fn::Split on "/" of a string holding ${A}, whose value may contain it'],
    ["!Split [',', !Sub 'x,${NoDefault}']", '?Fn::Split on "," of a string holding ${NoDefault}, whose value may contain it'],
    ["!Split [',', !Ref A]", '?Fn::Split of A, which is known only after deployment'],
    // A role's ARN has a known form: CDK's Role.fromRoleArn takes it apart back to the role's name.
    ["!Select [1, !Split ['/', !Select [5, !Split [':', !GetAtt TaskRole.Arn]]]]", '!Ref TaskRole'],
    ["!Split [':', !GetAtt TaskRole.Arn]", ['arn', '~${AWS::Partition}', 'iam', '', '~${AWS::AccountId}', '~role/${TaskRole}']],
    // With a literal Path the same expression gives what CloudFormation gives: the first path part.
    ["!Select [1, !Split ['/', !Select [5, !Split [':', !GetAtt PathRole.Arn]]]]", 'team'],
    ["!Split [':', !GetAtt ParamPathRole.Arn]", '?Fn::Split of ParamPathRole.Arn, which is known only after deployment'],
    ["!Split [':', !GetAtt A.Arn]", '?Fn::Split of A.Arn, which is known only after deployment'],
  ];
  for (const [expr, expected] of cases) {
    it(`${expr} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(evalPlain(expr, { sections, resources }), expected);
    });
  }

  it('pieces keep only the references they still contain', () => {
    const { value } = evalYaml("!Split [',', !Sub '${A}x,${B}y']", { resources });
    assert.equal(value?.kind, 'array');
    const refs = value?.kind === 'array' ? value.items.map((i) => (i.kind === 'string' ? i.refs : i.kind)) : [];
    assert.deepEqual(refs, [['A'], ['B']]);
  });

  const invalid: [string, RegExp][] = [
    ["!Split ['', abc]", /non-empty literal string/],
    ["!Split [',', [a]]", /takes a string, found a list/],
    ["!Split [',']", /takes \[delimiter, string\]/],
  ];
  for (const [expr, message] of invalid) {
    it(`${expr} is a problem`, () => {
      const { template } = evalYaml(expr, { sections });
      assert.match(problemMessages(template).join('\n'), message);
    });
  }
});
