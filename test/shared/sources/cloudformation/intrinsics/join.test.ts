import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evalPlain, evalYaml, problemMessages } from '../../../../support/cloudformation.ts';

const sections = `Parameters:
  Env: { Type: String, Default: prod }
  NoDefault: { Type: String }
  Subnets: { Type: CommaDelimitedList, Default: 'a, b, c' }
  Unknown: { Type: CommaDelimitedList }
`;
const resources = `  Bucket:
    Type: AWS::S3::Bucket
`;

describe('Fn::Join', () => {
  const cases: [string, unknown][] = [
    ["!Join ['', [a, b, c]]", 'abc'],
    ["!Join ['-', [a, !Ref Env, 3]]", 'a-prod-3'],
    ["!Join [',', !Ref Subnets]", 'a,b,c'],
    ["!Join [':', [!Ref 'AWS::StackName', Vpc]]", '~${AWS::StackName}:Vpc'],
    ["!Join ['', ['arn:aws:s3:::', !Ref Bucket, '/*']]", '~arn:aws:s3:::${Bucket}/*'],
    ["!Join ['', ['arn:aws:s3:::', !Ref NoDefault, '/*']]", '~arn:aws:s3:::${NoDefault}/*'],
    ["!Join ['', ['http://', !GetAtt Bucket.DomainName]]", '~http://${Bucket.DomainName}'],
    ["!Join ['', []]", ''],
    ["!Join ['', [a, !Ref AWS::NoValue, b]]", 'ab'],
    ["!Join [',', !Ref Unknown]", '?parameter Unknown has no default'],
    ["!Join ['', [a, !If [Maybe, x, y]]]", '?condition Maybe cannot be decided from the files'],
  ];
  for (const [expr, expected] of cases) {
    it(`${expr} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(evalPlain(expr, { sections: `${sections}Conditions:\n  Maybe: !Equals [!Ref NoDefault, x]\n`, resources }), expected);
    });
  }

  it('a partial result lists its resource references', () => {
    const { value } = evalYaml("!Join ['', ['arn:aws:s3:::', !Ref Bucket, '/*']]", { resources });
    assert.deepEqual(value?.kind === 'string' ? value.refs : undefined, ['Bucket']);
  });

  const invalid: [string, RegExp][] = [
    ['!Join [a]', /takes \[delimiter, \[values\]\]/],
    ["!Join [!Ref NoDefault, [a]]", /delimiter must be a literal string/],
    ["!Join ['', [a, [b]]]", /Fn::Join item 1 must be a string, found a list/],
    ["!Join ['', { a: b }]", /takes a list of values, found a mapping/],
  ];
  for (const [expr, message] of invalid) {
    it(`${expr} is a problem`, () => {
      const { value, template } = evalYaml(expr, { sections });
      assert.equal(value?.kind, 'unknown');
      assert.match(problemMessages(template).join('\n'), message);
    });
  }
});
