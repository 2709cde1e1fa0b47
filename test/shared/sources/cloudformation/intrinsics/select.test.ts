import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evalPlain, evalYaml, problemMessages } from '../../../../support/cloudformation.ts';

const sections = `Parameters:
  Subnets: { Type: CommaDelimitedList, Default: 'subnet-a,subnet-b' }
  NoDefault: { Type: 'List<AWS::EC2::Subnet::Id>' }
  Index: { Type: Number, Default: 1 }
`;
const resources = `  Vpc:
    Type: AWS::EC2::VPC
`;

describe('Fn::Select', () => {
  const cases: [string, unknown][] = [
    ['!Select [0, [a, b]]', 'a'],
    ["!Select ['1', [a, b]]", 'b'],
    ['!Select [!Ref Index, [a, b]]', 'b'],
    ['!Select [1, !Ref Subnets]', 'subnet-b'],
    ["!Select [0, !GetAZs '']", '~${AZ[0]}'],
    ["!Select [2, !Split [',', 'x,y,z']]", 'z'],
    ['!Select [0, [{ a: 1 }]]', { a: 1 }],
    // Items of an unknown list are still named, so equal selections compare equal.
    ['!Select [1, !Ref NoDefault]', '?parameter NoDefault has no default'],
    ['!Select [0, !GetAtt Vpc.Ipv6CidrBlocks]', '~${Vpc.Ipv6CidrBlocks[0]}'],
  ];
  for (const [expr, expected] of cases) {
    it(`${expr} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(evalPlain(expr, { sections, resources }), expected);
    });
  }

  it('an item of a literal list keeps its own source range; a computed one is located at the call', () => {
    const literal = evalYaml('!Select [1, [first, second]]').value!;
    const computed = evalYaml("!Select [1, !Split [',', 'x,y']]").value!;
    assert.equal(literal.loc.column, 34);
    assert.equal(computed.loc.column, 14);
    assert.equal(literal.loc.path, 'Resources.Subject.Properties.Value');
  });

  const invalid: [string, RegExp][] = [
    ['!Select [2, [a, b]]', /index 2 is out of range for a list of 2/],
    ['!Select [-1, [a]]', /non-negative integer/],
    ['!Select [x, [a]]', /non-negative integer/],
    ['!Select [0, notalist]', /takes a list/],
    ['!Select [0]', /takes \[index, list\]/],
  ];
  for (const [expr, message] of invalid) {
    it(`${expr} is a problem`, () => {
      const { value, template } = evalYaml(expr, { sections, resources });
      assert.equal(value?.kind, 'unknown');
      assert.match(problemMessages(template).join('\n'), message);
    });
  }
});
