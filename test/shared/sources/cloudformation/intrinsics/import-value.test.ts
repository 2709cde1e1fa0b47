import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evalPlain, evalYaml } from '../../../../support/cloudformation.ts';
import type { RValue } from '../../../../../src/shared/sources/cloudformation/resolved.ts';

const loc = { line: 1, column: 1, path: 'Outputs.Vpc.Value', range: { start: 0, end: 0 } };
const exports = new Map<string, RValue>([
  ['network:VpcId', { kind: 'ref', target: 'Vpc', file: 'network.yaml', loc }],
  ['network:Cidr', { kind: 'string', value: '10.0.0.0/16', loc }],
]);
const sections = `Parameters:
  Network: { Type: String, Default: network }
  NoDefault: { Type: String }
`;

describe('Fn::ImportValue', () => {
  const cases: [string, unknown][] = [
    ['!ImportValue network:Cidr', '10.0.0.0/16'],
    ["!ImportValue { 'Fn::Sub': '${Network}:VpcId' }", '!Ref Vpc @network.yaml'],
    ["!ImportValue { 'Fn::Join': [':', [!Ref Network, Cidr]] }", '10.0.0.0/16'],
    ['!ImportValue network:Missing', '?Fn::ImportValue network:Missing'],
    ["!ImportValue { 'Fn::Sub': '${NoDefault}:VpcId' }", '?Fn::ImportValue ${NoDefault}:VpcId'],
    ["!Sub ['${V}/x', { V: !ImportValue other }]", '~${Import:other}/x'],
  ];
  for (const [expr, expected] of cases) {
    it(`${expr} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(evalPlain(expr, { sections, options: { exports } }), expected);
    });
  }

  it('an imported value is located at the import', () => {
    const { value, template } = evalYaml('!ImportValue network:Cidr', { options: { exports } });
    assert.equal(value?.loc.path, 'Resources.Subject.Properties.Value');
    assert.equal(value?.loc.line, 6);
    assert.deepEqual(template.unresolved, []);
  });

  it('an import that is not found is unresolved', () => {
    const { template } = evalYaml('!ImportValue nowhere');
    assert.deepEqual(template.unresolved.map((u) => u.reason), ['Fn::ImportValue nowhere']);
  });
});
