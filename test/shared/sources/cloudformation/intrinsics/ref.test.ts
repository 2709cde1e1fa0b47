import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evalPlain, evalYaml, problemMessages } from '../../../../support/cloudformation.ts';

const sections = `Parameters:
  Env: { Type: String, Default: prod }
  Port: { Type: Number, Default: 8080 }
  NoDefault: { Type: String }
  Subnets: { Type: 'List<AWS::EC2::Subnet::Id>', Default: 'subnet-a, subnet-b' }
  Cidrs: { Type: CommaDelimitedList, Default: '10.0.0.0/8,192.168.0.0/16' }
  Ami: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: /aws/service/ami }
  OnlyOne: { Type: String, AllowedValues: [only] }
`;
const resources = `  Bucket:
    Type: AWS::S3::Bucket
`;

describe('Ref', () => {
  const cases: [string, unknown][] = [
    ['!Ref Env', 'prod'],
    ['{ Ref: Env }', 'prod'],
    // CloudFormation hands Number parameters on as strings.
    ['!Ref Port', '8080'],
    ['!Ref Subnets', ['subnet-a', 'subnet-b']],
    ['!Ref Cidrs', ['10.0.0.0/8', '192.168.0.0/16']],
    ['!Ref NoDefault', '?parameter NoDefault has no default'],
    ['!Ref Ami', '?parameter Ami is read from SSM parameter /aws/service/ami when the stack is deployed'],
    ['!Ref OnlyOne', 'only'],
    ['!Ref Bucket', '!Ref Bucket'],
    ['!Ref AWS::Region', '~${AWS::Region}'],
    ['!Ref AWS::AccountId', '~${AWS::AccountId}'],
    ['!Ref AWS::Partition', '~${AWS::Partition}'],
    ['!Ref AWS::StackName', '~${AWS::StackName}'],
    ['!Ref AWS::StackId', '~${AWS::StackId}'],
    ['!Ref AWS::URLSuffix', '~${AWS::URLSuffix}'],
    ['!Ref AWS::NotificationARNs', '?AWS::NotificationARNs is set at deployment'],
  ];
  for (const [expr, expected] of cases) {
    it(`${expr} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(evalPlain(expr, { sections, resources }), expected);
    });
  }

  it('AWS::NoValue removes the property', () => {
    const { template } = evalYaml('!Ref AWS::NoValue');
    assert.equal(template.resources.get('Subject')!.properties.entries.has('Value'), false);
  });

  it('supplied pseudo parameters and parameter values win', () => {
    const options = { pseudoParameters: { 'AWS::Region': 'eu-west-1' }, parameterValues: { Env: { kind: 'string', value: 'dev', loc: { line: 1, column: 1, path: '', range: { start: 0, end: 0 } } } as const } };
    assert.equal(evalPlain('!Ref AWS::Region', { sections, options }), 'eu-west-1');
    assert.equal(evalPlain('!Ref Env', { sections, options }), 'dev');
  });

  it('an undefined name is a problem and an unknown, located at the call', () => {
    const { value, template } = evalYaml('!Ref Nothing', { sections });
    assert.equal(value?.kind, 'unknown');
    assert.deepEqual(problemMessages(template), ['Ref to Nothing, which is neither a parameter nor a resource of this template']);
    assert.equal(template.problems[0]!.loc.path, 'Resources.Subject.Properties.Value');
    assert.equal(template.problems[0]!.loc.line, sections.split('\n').length + 5);
  });

  it('Ref to a resource its condition excludes is a problem', () => {
    const { value, template } = evalYaml('!Ref Gone', {
      sections: 'Conditions:\n  Never: !Equals [a, b]\n',
      resources: '  Gone:\n    Type: AWS::S3::Bucket\n    Condition: Never\n',
    });
    assert.equal(value?.kind, 'unknown');
    assert.match(problemMessages(template)[0]!, /Ref to Gone, which its condition Never excludes/);
  });

  it('a parameter without default is recorded as unresolved where it is used', () => {
    const { template } = evalYaml('!Ref NoDefault', { sections });
    assert.deepEqual(template.unresolved.map((u) => [u.loc.path, u.reason]), [['Resources.Subject.Properties.Value', 'parameter NoDefault has no default']]);
  });

  it('a non-string argument is a problem', () => {
    const { value, template } = evalYaml('{ Ref: [a, b] }');
    assert.equal(value?.kind, 'unknown');
    assert.deepEqual(problemMessages(template), ['Ref takes the name of a parameter or resource']);
  });
});
