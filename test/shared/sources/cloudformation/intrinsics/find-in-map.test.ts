import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evalPlain, evalYaml, plain, problemMessages } from '../../../../support/cloudformation.ts';

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

  describe('an undecided top-level key is a choice among the mapping\'s keys', () => {
    const alternatives = (expr: string, more = '') => {
      const { value } = evalYaml(expr, { sections: sections + more });
      assert.equal(value?.kind, 'unknown');
      const alt = value?.kind === 'unknown' ? value.choice : undefined;
      return alt === undefined ? undefined : { on: alt.on, values: alt.outcomes.map((v) => [v.key, v.value === undefined ? undefined : plain(v.value)]) };
    };
    it('a parameter without a value: one alternative per top-level key', () => {
      assert.deepEqual(alternatives('!FindInMap [Config, !Ref Stage, Azs]'), { on: 'Stage', values: [['prod', ['a', 'b']], ['dev', ['a']]] });
    });
    it('AWS::Region not supplied', () => {
      assert.deepEqual(alternatives("!FindInMap [RegionAmi, !Ref 'AWS::Region', Ami]"), { on: 'AWS::Region', values: [['us-east-1', 'ami-1'], ['eu-west-1', 'ami-2']] });
    });
    it('a parameter with AllowedValues: only those keys, and agreeing allowed entries make the value known', () => {
      const params = 'Parameters:\n  Env: { Type: String, AllowedValues: [dev, qa] }\nMappings:\n  M:\n    dev: { Cidr: 10.1.0.0/16, Port: 80 }\n    qa: { Cidr: 10.2.0.0/16, Port: 80 }\n    prod: { Cidr: 0.0.0.0/0, Port: 443 }\n';
      const { value } = evalYaml('!FindInMap [M, !Ref Env, Cidr]', { sections: params });
      assert.deepEqual(value?.kind === 'unknown' ? value.choice?.outcomes.map((v) => v.key) : undefined, ['dev', 'qa']);
      assert.equal(evalPlain('!FindInMap [M, !Ref Env, Port]', { sections: params }), 80);
    });
    it('an allowed key the mapping lacks selects the default', () => {
      const params = 'Parameters:\n  Env: { Type: String, AllowedValues: [dev, qa] }\nMappings:\n  M:\n    dev: { Cidr: 10.1.0.0/16 }\n';
      const { value } = evalYaml('!FindInMap [M, !Ref Env, Cidr, { DefaultValue: 10.9.0.0/16 }]', { sections: params });
      assert.deepEqual(value?.kind === 'unknown' ? value.choice?.outcomes.map((v) => `${String(v.key)}=${String(v.value === undefined ? undefined : plain(v.value))}`) : undefined, ['dev=10.1.0.0/16', 'qa=10.9.0.0/16']);
    });
    it('no alternatives when the key is more than a parameter, or the mapping is big', () => {
      assert.equal(alternatives("!FindInMap [Config, !Sub '${Stage}x', Azs]"), undefined);
      const big = `  Big:\n${Array.from({ length: 17 }, (_, i) => `    s${i}: { Cidr: 10.${i}.0.0/16 }`).join('\n')}\n`;
      assert.equal(alternatives('!FindInMap [Big, !Ref Stage, Cidr]', big), undefined);
      assert.equal(alternatives('!FindInMap [Big, !Ref Stage, Cidr]', big.replace(/\n {4}s1[0-6]:.*$/gm, ''))?.values.length, 10);
    });
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
