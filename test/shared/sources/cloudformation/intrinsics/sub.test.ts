import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evalPlain, evalYaml, problemMessages } from '../../../../support/cloudformation.ts';

const sections = `Parameters:
  Env: { Type: String, Default: prod }
  Port: { Type: Number, Default: 443 }
  NoDefault: { Type: String }
  Subnets: { Type: CommaDelimitedList, Default: 'a,b' }
`;
const resources = `  Queue:
    Type: AWS::SQS::Queue
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
`;

describe('Fn::Sub', () => {
  const cases: [string, unknown][] = [
    ["!Sub 'plain text'", 'plain text'],
    ["!Sub '${Env}-app'", 'prod-app'],
    ["!Sub 'port ${Port}'", 'port 443'],
    ["!Sub 'com.amazonaws.${AWS::Region}.ecr.api'", '~com.amazonaws.${AWS::Region}.ecr.api'],
    ["!Sub 'arn:${AWS::Partition}:s3:::bucket/*'", '~arn:${AWS::Partition}:s3:::bucket/*'],
    ["!Sub '${Queue.Arn}/x'", '~${Queue.Arn}/x'],
    ["!Sub '${Vpc.CidrBlock}'", '10.0.0.0/16'],
    ["!Sub 'cidr ${Vpc.CidrBlock}'", 'cidr 10.0.0.0/16'],
    // Exactly one resource placeholder is the reference itself.
    ["!Sub '${Queue}'", '!Ref Queue'],
    ["!Sub '${Queue.Arn}'", '!GetAtt Queue.Arn'],
    ["!Sub '${!Literal} and ${Env}'", '${Literal} and prod'],
    ["!Sub '${!Literal}'", '${Literal}'],
    ["!Sub '${NoDefault}-x'", '~${NoDefault}-x'],
    ["!Sub '${NoDefault}'", '?parameter NoDefault has no default'],
    // List form: variables win over parameters of the same name.
    ["!Sub ['${Env}.${Name}', { Name: !Ref Queue, Env: dev }]", '~dev.${Queue}'],
    ["!Sub ['${A}', { A: !GetAtt Queue.Arn }]", '!GetAtt Queue.Arn'],
    ["!Sub ['${A}:${B}', { A: 1, B: true }]", '1:true'],
    ["!Sub ['no vars', {}]", 'no vars'],
    ["!Sub ['${X}', { X: !ImportValue shared-vpc }]", '?Fn::ImportValue shared-vpc'],
    ["!Sub ['vpc ${X}', { X: !ImportValue shared-vpc }]", '~vpc ${Import:shared-vpc}'],
    // Multiline block text.
    ['!Sub |\n        #!/bin/bash\n        echo ${Env}\n', '#!/bin/bash\necho prod\n'],
  ];
  for (const [expr, expected] of cases) {
    it(`${expr} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(evalPlain(expr, { sections, resources }), expected);
    });
  }

  it('lists the resources a partial string refers to', () => {
    const { value } = evalYaml("!Sub '${Queue.Arn}/${Vpc}/${AWS::Region}/${Queue}'", { sections, resources });
    assert.equal(value?.kind, 'string');
    assert.equal(value.kind === 'string' && value.partial, true);
    assert.deepEqual(value.kind === 'string' ? value.refs : undefined, ['Queue', 'Vpc']);
  });

  it('a fully known result is not marked partial', () => {
    const { value } = evalYaml("!Sub '${Env}'", { sections });
    assert.deepEqual(value?.kind === 'string' ? [value.partial, value.refs] : value, [undefined, undefined]);
  });

  const invalid: [string, RegExp][] = [
    ["!Sub '${Nope}-x'", /refers to \$\{Nope\}, which is not a variable/],
    ["!Sub '${Subnets}-x'", /Fn::Sub variable Subnets must be a string, found a list/],
    ['!Sub [a, b, c]', /takes a string or \[string, \{ variables \}\]/],
    ['!Sub [text, [1]]', /variables must be a mapping/],
    ["!Sub ['${A}', { A: !Ref AWS::NoValue }]", /is AWS::NoValue/],
    ['{ "Fn::Sub": { a: 1 } }', /takes a literal string/],
  ];
  for (const [expr, message] of invalid) {
    it(`${expr} is a problem`, () => {
      const { template } = evalYaml(expr, { sections, resources });
      assert.match(problemMessages(template).join('\n'), message);
    });
  }

  it('an unclosed ${ is a problem but keeps the text', () => {
    const { value, template } = evalYaml("!Sub 'a ${Env} ${b'", { sections });
    assert.equal(value?.kind === 'string' ? value.value : undefined, 'a prod ${b');
    assert.match(problemMessages(template).join(), /unclosed/);
  });
});
