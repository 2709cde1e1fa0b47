import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evalPlain, evalYaml, problemMessages } from '../../../../support/cloudformation.ts';

const sections = `Parameters:
  Env: { Type: String, Default: prod }
`;
const resources = `  Queue:
    Type: AWS::SQS::Queue
`;

describe('Fn::ToJsonString', () => {
  const cases: [string, unknown][] = [
    ['!ToJsonString { a: 1, b: [true, null, x] }', '{"a":1,"b":[true,null,"x"]}'],
    ['!ToJsonString [!Ref Env]', '["prod"]'],
    ['!ToJsonString { queue: !GetAtt Queue.Arn }', '~{"queue":"${Queue.Arn}"}'],
    ['!ToJsonString { r: !Ref AWS::Region }', '~{"r":"${AWS::Region}"}'],
    ['!ToJsonString { a: !ImportValue x }', '~{"a":"${Import:x}"}'],
  ];
  for (const [expr, expected] of cases) {
    it(`${expr} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(evalPlain(expr, { sections, resources }), expected);
    });
  }

  it('references inside the JSON are listed', () => {
    const { value } = evalYaml('!ToJsonString { queue: !GetAtt Queue.Arn }', { resources });
    assert.deepEqual(value?.kind === 'string' ? value.refs : undefined, ['Queue']);
  });

  it('a scalar argument is a problem', () => {
    const { template } = evalYaml('!ToJsonString text');
    assert.match(problemMessages(template).join(), /takes a mapping or a list/);
  });
});
