import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig, parseConfig } from '../../../src/shared/config/index.ts';

const FILE = '.github/fargate-warden.yml';
const RULE_IDS = ['FW201', 'FW202', 'FW203', 'FW209'];
const parse = (text: string) => parseConfig(text, FILE, { ruleIds: RULE_IDS });

describe('parseConfig', () => {
  it('reads every documented key', () => {
    const { config, errors } = parse(`
paths:
  include: ['infra/**']
  exclude: ['infra/experiments/**']
rules:
  disable: [FW209]
  severity: { FW203: low }
failOn: high
suppressions:
  - rule: FW202
    resource: PublicProxySecurityGroup
    reason: Public reverse proxy, reviewed in SEC-1234
`);
    assert.deepEqual(errors, []);
    assert.deepEqual(config, {
      paths: { include: ['infra/**'], exclude: ['infra/experiments/**'] },
      rules: { disable: ['FW209'], severity: { FW203: 'low' } },
      failOn: 'high',
      suppressions: [
        { rule: 'FW202', resource: 'PublicProxySecurityGroup', reason: 'Public reverse proxy, reviewed in SEC-1234', source: { file: FILE, line: 10 } },
      ],
    });
  });

  it('accepts fail-on as a spelling of failOn, and normalises case', () => {
    const { config, errors } = parse('fail-on: MEDIUM\nrules:\n  disable: fw201\n');
    assert.deepEqual(errors, []);
    assert.equal(config.failOn, 'medium');
    assert.deepEqual(config.rules.disable, ['FW201']);
  });

  it('an empty file or a comment-only file gives the defaults', () => {
    for (const text of ['', '# nothing yet\n', '---\n']) {
      const { config, errors } = parse(text);
      assert.deepEqual(errors, []);
      assert.deepEqual(config, defaultConfig());
    }
  });

  const errorCases: { name: string; text: string; line: number; message: RegExp }[] = [
    { name: 'unknown top-level key with a hint', text: 'paths: {}\nfailon: high\n', line: 2, message: /unknown key "failon" \(did you mean "failOn"\?\)/ },
    { name: 'unknown nested key', text: 'rules:\n  disabled: [FW201]\n', line: 2, message: /unknown key "rules\.disabled" \(did you mean "rules\.disable"\?\)/ },
    { name: 'unknown rule id in disable', text: 'rules:\n  disable:\n    - FW201\n    - FW999\n', line: 4, message: /unknown rule ID "FW999"/ },
    { name: 'unknown rule id in severity', text: 'rules:\n  severity:\n    FW777: low\n', line: 3, message: /unknown rule ID "FW777"/ },
    { name: 'bad severity', text: 'rules:\n  severity:\n    FW203: severe\n', line: 3, message: /severity must be one of critical, high, medium, low, info/ },
    { name: 'bad failOn', text: '\n\nfailOn: sometimes\n', line: 3, message: /failOn must be one of critical, high, medium, low, none/ },
    { name: 'both failOn spellings', text: 'failOn: high\nfail-on: low\n', line: 2, message: /both failOn and fail-on are set/ },
    { name: 'suppression without reason', text: 'suppressions:\n  - rule: FW203\n    resource: ApiSg\n', line: 2, message: /missing reason/ },
    { name: 'suppression with an empty reason', text: 'suppressions:\n  - rule: FW203\n    resource: ApiSg\n    reason: "  "\n', line: 4, message: /reason must be a non-empty string/ },
    { name: 'suppression using id instead of rule', text: 'suppressions:\n  - id: FW203\n    resource: ApiSg\n    reason: ok\n', line: 2, message: /unknown key "suppressions\[\]\.id" \(did you mean "suppressions\[\]\.rule"\?\)/ },
    { name: 'suppression that is not a mapping', text: 'suppressions:\n  - FW203\n', line: 2, message: /must be a mapping/ },
    { name: 'paths not a mapping', text: 'paths: [a, b]\n', line: 1, message: /paths must be a mapping/ },
    { name: 'top level not a mapping', text: '- a\n- b\n', line: 1, message: /must be a mapping/ },
    { name: 'invalid YAML', text: 'rules:\n  disable: [FW201\nfailOn: high\n', line: 3, message: /invalid YAML/ },
    { name: 'duplicate keys', text: 'failOn: high\nfailOn: low\n', line: 2, message: /invalid YAML/ },
    { name: 'non-string glob', text: 'paths:\n  include:\n    - {a: 1}\n', line: 3, message: /non-empty strings/ },
  ];
  for (const c of errorCases) {
    it(`reports ${c.name} at its line`, () => {
      const { errors } = parse(c.text);
      assert.ok(errors.length > 0, 'expected an error');
      const hit = errors.find((e) => c.message.test(e.message));
      assert.ok(hit, `no error matching ${c.message}; got ${JSON.stringify(errors)}`);
      assert.equal(hit.file, FILE);
      assert.equal(hit.line, c.line);
    });
  }

  it('keeps the valid parts of a file that has errors', () => {
    const { config, errors } = parse(`
rules:
  disable: [FW201, FW999]
suppressions:
  - rule: FW203
    resource: ApiSg
  - rule: FW202
    resource: ProxySg
    reason: reviewed
failOn: low
`);
    assert.equal(errors.length, 2);
    assert.deepEqual(config.rules.disable, ['FW201']);
    assert.deepEqual(config.suppressions.map((s) => s.rule), ['FW202']);
    assert.equal(config.failOn, 'low');
  });

  it('without a rule list, checks only the shape of rule IDs', () => {
    assert.deepEqual(parseConfig('rules: { disable: [FW555] }', FILE).errors, []);
    assert.equal(parseConfig('rules: { disable: [W555] }', FILE).errors.length, 1);
  });

  it('does not expand YAML aliases (no alias bombs)', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 20; i++) bomb.push(`${String.fromCharCode(98 + (i % 24))}${i}: &r${i} [${Array(9).fill(i === 0 ? '*a' : `*r${i - 1}`).join(',')}]`);
    const { errors } = parse(`${bomb.join('\n')}\n`);
    assert.ok(errors.length > 0);
    assert.ok(errors.every((e) => e.line >= 1));
  });

  it('never throws on arbitrary input', () => {
    for (const text of ['{', ']]]', ': :', '\t\tfoo', 'rules: !!binary aGVsbG8=', 'suppressions: 12', '? [a]\n: b', 'paths:\n  include: 5\n']) {
      const { errors } = parse(text);
      assert.ok(Array.isArray(errors));
    }
  });
});
