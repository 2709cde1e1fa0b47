import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderText } from '../../../src/shared/render/index.ts';
import { finding, sampleResult } from './sample.ts';

const ESC = '\u001b';

describe('renderText', () => {
  const text = renderText(sampleResult(), { color: false });
  const lines = text.split('\n');

  it('groups findings under their service, worst first, then the rest, errors, unknowns and a summary', () => {
    const order = [
      'Service orders-api (ApiService)',
      '  exposure  public IP: yes · internet ingress: yes · egress: igw · subnets: PublicA, PublicB',
      '  roles     task: TaskRole · execution: ExecRole',
      '  needs     1/3 covered: ✓ ecr.api via igw, ✗ dynamodb (no route), ? logs',
      '  HIGH     FW201  ApiService  template.yaml:45',
      '  MEDIUM   FW203  ApiSg (Stack/ApiSg/Resource)  template.yaml:20',
      'Service WorkerService',
      '  no findings',
      'Not tied to a service',
      '  LOW      FW209  Vpc  template.yaml:3',
      'Errors',
      '  broken.yaml:3:5: invalid YAML: bad indentation',
      'Unknown (depends on something outside the scanned files; neither safe nor unsafe)',
      '  template.yaml:7  Parameters.VpcId: parameter VpcId has no default',
      'Summary: 0 templates · 2 services · 1 high, 1 medium, 1 low · 1 suppressed · 1 error · 1 unknown value',
    ];
    let at = -1;
    for (const expected of order) {
      const i = lines.findIndex((l, idx) => idx > at && l.startsWith(expected));
      assert.ok(i > at, `expected "${expected}" after line ${at}:\n${text}`);
      at = i;
    }
  });

  it('names an AWS service needed for two reasons, reached one way, once (and counts it once)', () => {
    const result = sampleResult();
    const api = result.services[0]!;
    const twice = { ...result, services: [{ ...api, needs: [...api.needs, { service: 'logs', reason: 'task role calls logs', covered: 'unknown' as const, via: null }, { service: 'ecr.api', reason: 'another image', covered: true, via: 'nat:Nat' }] }, ...result.services.slice(1)] };
    const out = renderText(twice, { color: false });
    assert.match(out, /^ {2}needs {5}2\/4 covered: ✓ ecr\.api via igw, ✗ dynamodb \(no route\), \? logs,\n {12}✓ ecr\.api via nat:Nat$/m);
    assert.equal(out.match(/\? logs/g)?.length, 1);
  });

  it('hides suppressed findings (they are counted in the summary)', () => {
    assert.doesNotMatch(text, /FW202/);
  });

  it('has no ANSI codes without colour, and colours severities with it', () => {
    assert.ok(!text.includes(ESC));
    const colored = renderText(sampleResult(), { color: true });
    assert.ok(colored.includes(`${ESC}[1m${ESC}[31mHIGH`));
  });

  it('keeps control characters from templates out of the terminal', () => {
    const r = sampleResult();
    r.findings = [finding({ ruleId: 'FW201', resource: 'Evil\u001b[2J\nSvc', message: 'clear\u001b]0;title\u0007 screen' })];
    const out = renderText(r, { color: false });
    assert.ok(!out.includes(ESC) && !out.includes('\u0007'));
    assert.match(out, /Evil \[2J Svc/);
  });

  it('says when nothing was found', () => {
    const r = sampleResult();
    r.services = [];
    r.findings = [];
    r.errors = [];
    r.infra = { ...r.infra, unresolved: [] };
    const out = renderText(r, { color: false });
    assert.match(out, /No ECS services found in the scanned files\./);
    assert.match(out, /Summary: 0 templates · 0 services · no findings\n$/);
  });

  it('lists at most maxUnknown unresolved values', () => {
    const r = sampleResult();
    r.infra = { ...r.infra, unresolved: Array.from({ length: 5 }, (_, i) => ({ file: 't.yaml', line: i + 1, path: `P${i}`, reason: 'import' })) };
    const out = renderText(r, { color: false, maxUnknown: 2 });
    assert.match(out, /… and 3 more/);
  });
});
