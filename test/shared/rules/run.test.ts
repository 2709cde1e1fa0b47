import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Entity, Fix, Infra, Severity } from '../../../src/shared/model/index.ts';
import { InfraIndex } from '../../../src/shared/analysis/infra-index.ts';
import { defaultConfig, type Config } from '../../../src/shared/config/index.ts';
import type { Rule, RuleContext } from '../../../src/shared/rules/types.ts';
import { INTERNAL_FILE, matchesSuppression, runRules, type RuleFailure } from '../../../src/shared/rules/run.ts';
import { entity, infra, src } from '../../support/model.ts';

function ctxFor(model: Infra): RuleContext {
  return { posture: { infra: model, permissions: new Map(), services: [] }, index: new InfraIndex(model) };
}

/** A rule that reports once per entity given, optionally with a service key, severity and line. */
function reporting(id: string, severity: Severity, reports: { entity: Entity; service?: string; line?: number; severity?: Severity }[]): Rule {
  return {
    meta: { id, severity, area: 'network', title: `${id} title`, description: `${id} description`, messages: { m: '{{name}} is wrong' }, fixable: false },
    check(_ctx, report) {
      for (const r of reports) report({ messageId: 'm', data: { name: r.entity.logicalId }, entity: r.entity, service: r.service, line: r.line, severity: r.severity });
    },
  };
}

function config(parts: Partial<Config>): Config {
  return { ...defaultConfig(), ...parts };
}

const apiSg = entity('ApiSg', 10);
const service = { ...entity('ApiService', 30), cdkPath: 'Stack/Api/Service/Resource' };
const model = infra({ resources: [{ ...apiSg, type: 'AWS::EC2::SecurityGroup' }, { ...service, type: 'AWS::ECS::Service' }] });

describe('runRules', () => {
  it('turns reports into findings with the rule severity, per-report overrides and lines', () => {
    const rule = reporting('FW203', 'medium', [{ entity: apiSg, service: 'orders' }, { entity: service, severity: 'high', line: 33 }]);
    const findings = runRules(ctxFor(model), [rule], defaultConfig());
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.severity, f.resource, f.line, f.service, f.message]),
      [
        ['FW203', 'medium', 'ApiSg', 10, 'orders', 'ApiSg is wrong'],
        ['FW203', 'high', 'ApiService', 33, undefined, 'ApiService is wrong'],
      ],
    );
  });

  it('does not run disabled rules', () => {
    const ran: string[] = [];
    const spy = (id: string): Rule => ({ ...reporting(id, 'low', []), check: () => void ran.push(id) });
    runRules(ctxFor(model), [spy('FW201'), spy('FW202')], config({ rules: { disable: ['FW202'], severity: {} } }));
    assert.deepEqual(ran, ['FW201']);
  });

  it('applies severity overrides to every finding of the rule, whatever the rule reported', () => {
    const rule = reporting('FW103', 'high', [{ entity: apiSg }, { entity: service, severity: 'medium' }]);
    const findings = runRules(ctxFor(model), [rule], config({ rules: { disable: [], severity: { FW103: 'low' } } }));
    assert.deepEqual(findings.map((f) => f.severity), ['low', 'low']);
  });

  it('sorts by file, line, rule ID and resource, whatever order rules report in', () => {
    const other = entity('Zed', 5, 'a.yaml');
    const rules = [
      reporting('FW202', 'high', [{ entity: service, line: 12 }, { entity: apiSg, line: 12 }]),
      reporting('FW201', 'high', [{ entity: service, line: 12 }, { entity: other }]),
    ];
    const findings = runRules(ctxFor(model), rules, defaultConfig());
    assert.deepEqual(
      findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.resource}`),
      ['a.yaml:5 FW201 Zed', 'template.yaml:12 FW201 ApiService', 'template.yaml:12 FW202 ApiService', 'template.yaml:12 FW202 ApiSg'],
    );
  });

  it('a rule that throws becomes a failure entry; other rules and its earlier findings are kept', () => {
    const broken: Rule = {
      ...reporting('FW204', 'low', []),
      check(_ctx, report) {
        report({ messageId: 'm', data: { name: 'x' }, entity: apiSg });
        throw new TypeError('cannot read properties of undefined');
      },
    };
    const failures: RuleFailure[] = [];
    const findings = runRules(ctxFor(model), [broken, reporting('FW201', 'high', [{ entity: service }])], defaultConfig(), failures);
    assert.deepEqual(findings.map((f) => `${f.ruleId} ${f.resource}`), ['FW204 ApiSg', 'FW201 ApiService']);
    assert.equal(failures.length, 1);
    assert.equal(failures[0].file, INTERNAL_FILE);
    assert.match(failures[0].message, /internal error in rule FW204.*cannot read properties of undefined/);
  });

  it('a report with an unknown messageId is a rule failure, not a crash', () => {
    const bad: Rule = { ...reporting('FW205', 'low', []), check: (_c, report) => report({ messageId: 'nope', entity: apiSg }) };
    const failures: RuleFailure[] = [];
    assert.deepEqual(runRules(ctxFor(model), [bad], defaultConfig(), failures), []);
    assert.match(failures[0].message, /unknown messageId nope/);
  });
});

describe('suppressions', () => {
  const suppressedSg = { ...apiSg, suppressions: [{ ruleId: 'FW203', reason: 'egress filtered by the firewall', source: src(12) }] };
  const withInline = infra({ resources: [{ ...suppressedSg, type: 'AWS::EC2::SecurityGroup' }, { ...service, type: 'AWS::ECS::Service' }] });

  const cases: { name: string; finding: { rule: string; entity: Entity; service?: string }; config?: Partial<Config>; expected?: { by: 'inline' | 'config'; reason: string } }[] = [
    { name: 'inline suppression of the same rule', finding: { rule: 'FW203', entity: suppressedSg }, expected: { by: 'inline', reason: 'egress filtered by the firewall' } },
    { name: 'inline suppression of another rule does not apply', finding: { rule: 'FW202', entity: suppressedSg } },
    {
      name: 'config suppression by logical ID',
      finding: { rule: 'FW202', entity: apiSg },
      config: { suppressions: [{ rule: 'FW202', resource: 'ApiSg', reason: 'proxy' }] },
      expected: { by: 'config', reason: 'proxy' },
    },
    {
      name: 'config suppression by CDK construct path (L2 path without /Resource)',
      finding: { rule: 'FW201', entity: service },
      config: { suppressions: [{ rule: 'FW201', resource: 'Stack/Api/Service', reason: 'public by design' }] },
      expected: { by: 'config', reason: 'public by design' },
    },
    {
      name: 'config suppression by full CDK path',
      finding: { rule: 'FW201', entity: service },
      config: { suppressions: [{ rule: 'FW201', resource: 'Stack/Api/Service/Resource', reason: 'r' }] },
      expected: { by: 'config', reason: 'r' },
    },
    {
      name: 'config suppression by service key covers findings on other resources of that service',
      finding: { rule: 'FW209', entity: apiSg, service: 'orders-api' },
      config: { suppressions: [{ rule: 'FW209', resource: 'orders-api', reason: 'egress proxy' }] },
      expected: { by: 'config', reason: 'egress proxy' },
    },
    {
      name: 'config suppression for another rule does not apply',
      finding: { rule: 'FW202', entity: apiSg },
      config: { suppressions: [{ rule: 'FW203', resource: 'ApiSg', reason: 'r' }] },
    },
    {
      name: 'config suppression for another resource does not apply',
      finding: { rule: 'FW202', entity: apiSg },
      config: { suppressions: [{ rule: 'FW202', resource: 'OtherSg', reason: 'r' }] },
    },
    {
      name: 'a CDK path prefix is not a match',
      finding: { rule: 'FW201', entity: service },
      config: { suppressions: [{ rule: 'FW201', resource: 'Stack/Api', reason: 'r' }] },
    },
    {
      name: 'inline wins over config when both match',
      finding: { rule: 'FW203', entity: suppressedSg },
      config: { suppressions: [{ rule: 'FW203', resource: 'ApiSg', reason: 'config reason' }] },
      expected: { by: 'inline', reason: 'egress filtered by the firewall' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const rule = reporting(c.finding.rule, 'medium', [{ entity: c.finding.entity, service: c.finding.service }]);
      const [finding] = runRules(ctxFor(withInline), [rule], config(c.config ?? {}));
      assert.ok(finding, 'the finding is kept either way');
      assert.deepEqual(finding.suppressed, c.expected);
    });
  }

  it('finds inline suppressions on entities that are not in resources[]', () => {
    const sg = { ...entity('LoneSg', 3), suppressions: [{ ruleId: 'FW202', reason: 'lab', source: src(4) }] };
    const m = infra({ securityGroups: [{ ...sg, rules: [], implicitEgress: false }] });
    const [finding] = runRules(ctxFor(m), [reporting('FW202', 'high', [{ entity: sg }])], defaultConfig());
    assert.deepEqual(finding.suppressed, { by: 'inline', reason: 'lab' });
  });

  it('matchesSuppression compares rule IDs case-insensitively and ignores a trailing slash', () => {
    const f = { ruleId: 'FW201', severity: 'high' as const, resource: 'Svc', resourceId: 'x#Svc', file: 'x', line: 1, message: '' };
    assert.equal(matchesSuppression({ rule: 'fw201', resource: 'Svc/', reason: 'r' }, f), true);
  });

  it('matchesSuppression: a service named in several files is suppressed by its qualified key or by its name', () => {
    const f = { ruleId: 'FW201', severity: 'high' as const, resource: 'Svc', resourceId: 'x#Svc', service: 'api (cluster prod)', file: 'x', line: 1, message: '' };
    assert.equal(matchesSuppression({ rule: 'FW201', resource: 'api (cluster prod)', reason: 'r' }, f, 'api'), true);
    assert.equal(matchesSuppression({ rule: 'FW201', resource: 'api', reason: 'r' }, f, 'api'), true);
    assert.equal(matchesSuppression({ rule: 'FW201', resource: 'api (cluster staging)', reason: 'r' }, f, 'api'), false);
  });
});

describe('lazy fixes', () => {
  const fix: Fix = { title: 'Close it', explanation: 'Because.', edits: [{ file: 'template.yaml', range: { start: 1, end: 2 }, text: 'x' }] };

  /** A rule reporting on ApiSg whose fix builder counts its calls. */
  function fixing(build: () => Fix | undefined): { rule: Rule; calls: () => number } {
    let calls = 0;
    const rule: Rule = {
      meta: { id: 'FW202', severity: 'high', area: 'network', title: 't', description: 'd', messages: { m: 'wrong' }, fixable: true },
      check(_ctx, report) {
        report({
          messageId: 'm',
          entity: apiSg,
          fix: () => {
            calls++;
            return build();
          },
        });
      },
    };
    return { rule, calls: () => calls };
  }

  it('does not build a fix until it is read, then builds it once', () => {
    const { rule, calls } = fixing(() => fix);
    const [finding] = runRules(ctxFor(model), [rule], defaultConfig());
    assert.equal(calls(), 0);
    assert.deepEqual(finding.fix, fix);
    assert.equal(finding.fix, finding.fix);
    assert.equal(calls(), 1);
  });

  it('shows the fix like a plain property: in spreads, keys and deep equality', () => {
    const { rule, calls } = fixing(() => fix);
    const [finding] = runRules(ctxFor(model), [rule], defaultConfig());
    assert.ok(Object.keys(finding).includes('fix'));
    assert.deepEqual({ ...finding }.fix, fix);
    assert.deepEqual(finding, {
      ruleId: 'FW202', severity: 'high', resource: 'ApiSg', resourceId: apiSg.id, file: apiSg.file, line: apiSg.source.line, message: 'wrong', fix,
    });
    assert.equal(calls(), 1);
  });

  it('leaves no fix when the builder finds none or throws', () => {
    for (const build of [() => undefined, () => { throw new Error('unforeseen template'); }]) {
      const { rule, calls } = fixing(build);
      const [finding] = runRules(ctxFor(model), [rule], defaultConfig());
      // Until read, whether there is a fix is not known: the key is there (see defineLazyFix).
      assert.equal('fix' in finding, true);
      assert.equal(calls(), 0);
      assert.equal(finding.fix, undefined);
      assert.equal(finding.fix, undefined);
      assert.equal(calls(), 1);
      // Once read, the finding is what an eager build would have made: no `fix` key at all.
      assert.equal('fix' in finding, false);
    }
  });

  it('can still be replaced or removed by assignment', () => {
    const { rule, calls } = fixing(() => fix);
    const [a, b] = [...runRules(ctxFor(model), [rule], defaultConfig()), ...runRules(ctxFor(model), [rule], defaultConfig())];
    const other: Fix = { ...fix, title: 'Other' };
    a.fix = other;
    delete b.fix;
    assert.deepEqual([a.fix, b.fix], [other, undefined]);
    assert.equal(calls(), 0);
  });

  it('with fixes off, findings carry no fix and the builder never runs', () => {
    const { rule, calls } = fixing(() => fix);
    const [finding] = runRules(ctxFor(model), [rule], defaultConfig(), [], { fixes: false });
    assert.equal('fix' in finding, false);
    assert.equal(finding.fix, undefined);
    assert.equal(calls(), 0);
  });
});

describe('inline suppressions of IDs no rule has', () => {
  it('are input errors at their line: a typo suppresses nothing, and says so', () => {
    const sg = entity('ApiSg', 20);
    const model = infra({
      resources: [{ ...sg, type: 'AWS::EC2::SecurityGroup', suppressions: [{ ruleId: 'FW2O3', reason: 'typo', source: src(24) }, { ruleId: 'fw203', reason: 'case does not matter', source: src(26) }] }],
    });
    const failures: RuleFailure[] = [];
    runRules(ctxFor(model), [reporting('FW203', 'medium', [])], defaultConfig(), failures);
    assert.deepEqual(failures.map((f) => [f.line, f.message]), [[24, 'ApiSg: FW2O3 is not a fargate-warden rule ID (they look like FW203), so this suppression suppresses nothing']]);
  });
});
