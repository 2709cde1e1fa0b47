import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evalPlain, evalYaml, problemMessages } from '../../../../support/cloudformation.ts';

const sections = `Parameters:
  Env: { Type: String, Default: prod }
  Stage: { Type: String }
Mappings:
  Config:
    prod: { Cidr: 10.0.0.0/16, Azs: [a, b], Size: 3 }
    dev: { Cidr: 10.1.0.0/16, Azs: [a], Size: 3 }
  RegionAmi:
    us-east-1: { Ami: ami-1, Arch: x86 }
    eu-west-1: { Ami: ami-2, Arch: x86 }
`;

describe('Fn::FindInMap', () => {
  const cases: [string, unknown][] = [
    ['!FindInMap [Config, prod, Cidr]', '10.0.0.0/16'],
    ['!FindInMap [Config, !Ref Env, Azs]', ['a', 'b']],
    ['!FindInMap [Config, !Ref Env, Size]', 3],
    // An unknown key still resolves when every entry it could select agrees.
    ["!FindInMap [RegionAmi, !Ref 'AWS::Region', Arch]", 'x86'],
    // The candidates are in the reason: editing the mapping changes it (equal reasons read as one value).
    ["!FindInMap [RegionAmi, !Ref 'AWS::Region', Ami]", '?Fn::FindInMap RegionAmi with a top-level key that is not known, and entries that differ (one of: ami-1, ami-2)'],
    ['!FindInMap [Config, !Ref Stage, Azs]', '?Fn::FindInMap Config with a top-level key that is not known, and entries that differ (one of: [a, b], [a])'],
    ['!FindInMap [Config, staging, Cidr, { DefaultValue: 192.168.0.0/16 }]', '192.168.0.0/16'],
    ['!FindInMap [Config, prod, Missing, { DefaultValue: d }]', 'd'],
    ['!FindInMap [Config, prod, Cidr, { DefaultValue: d }]', '10.0.0.0/16'],
  ];
  for (const [expr, expected] of cases) {
    it(`${expr} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(evalPlain(expr, { sections }), expected);
    });
  }

  it('many or long candidates are counted and fingerprinted, so any edit still changes the reason', () => {
    const many = (last: string) => `Parameters:
  Stage: { Type: String }
Mappings:
  Big:
${Array.from({ length: 30 }, (_, i) => `    s${i}: { Cidr: 10.${i}.0.0/16 }`).join('\n')}
    last: { Cidr: ${last} }
`;
    const a = evalPlain('!FindInMap [Big, !Ref Stage, Cidr]', { sections: many('0.0.0.0/0') });
    const b = evalPlain('!FindInMap [Big, !Ref Stage, Cidr]', { sections: many('10.99.0.0/16') });
    assert.match(String(a), /^\?Fn::FindInMap Big with a top-level key that is not known, and entries that differ \(31 values, fingerprint [0-9a-f]{16}\)$/);
    assert.notEqual(a, b);
  });

  it('with supplied region the key is known', () => {
    const options = { pseudoParameters: { 'AWS::Region': 'eu-west-1' } };
    assert.equal(evalPlain("!FindInMap [RegionAmi, !Ref 'AWS::Region', Ami]", { sections, options }), 'ami-2');
  });

  const invalid: [string, RegExp][] = [
    ['!FindInMap [Nope, a, b]', /Fn::FindInMap on Nope, which is not in Mappings/],
    ['!FindInMap [Config, staging, Cidr]', /mapping Config has no key staging/],
    ['!FindInMap [Config, prod, Nope]', /mapping Config.prod has no key Nope/],
    ['!FindInMap [Config, prod]', /takes \[map, top-level key, second-level key\]/],
    ['!FindInMap [Config, prod, Cidr, nodefault]', /fourth argument must be \{ DefaultValue: value \}/],
  ];
  for (const [expr, message] of invalid) {
    it(`${expr} is a problem`, () => {
      const { value, template } = evalYaml(expr, { sections });
      assert.equal(value?.kind, 'unknown');
      assert.match(problemMessages(template).join('\n'), message);
    });
  }
});
