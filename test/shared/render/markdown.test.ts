import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderMarkdown } from '../../../src/shared/render/index.ts';
import type { ScanResult } from '../../../src/shared/engine.ts';
import { finding, sampleResult } from './sample.ts';

const HOSTILE = ['<img src=x onerror=alert(1)>', '| pipes |', '@org/team', '`tick`', '](javascript:alert(1))', 'line\nbreak'];

describe('renderMarkdown', () => {
  const md = renderMarkdown(sampleResult());

  it('has a headline, a per-service table, findings with rule doc links, and errors', () => {
    assert.match(md, /^## 🟧 fargate-warden: 1 high, 1 medium, 1 low in 2 services\n/);
    assert.match(md, /\| Service \| Public IP \| Internet ingress \| Egress \| AWS services reachable \| Findings \|/);
    assert.match(md, /\| `orders-api` \(ApiService\) \| yes \| yes \| igw \| 1\/3 \(❌ dynamodb, ❔ logs\) \| 1 high, 1 medium \|/);
    assert.match(md, /\[FW201\]\(https:\/\/github\.com\/fargate-warden\/fargate-warden\/blob\/main\/docs\/rules\/FW201\.md\)/);
    assert.match(md, /#### Not tied to a service/);
    assert.match(md, /### Errors\n\n- `broken\.yaml:3`: invalid YAML\\: bad indentation/);
    assert.match(md, /1 suppressed/);
    assert.doesNotMatch(md, /FW202/, 'suppressed findings are counted, not listed');
  });

  it('links file lines when the caller can build URLs, and refuses non-http links', () => {
    const linked = renderMarkdown(sampleResult(), { fileLink: (f, l) => `https://github.com/o/r/blob/abc/${f}#L${l}` });
    assert.match(linked, /\[template\.yaml\\:45\]\(https:\/\/github\.com\/o\/r\/blob\/abc\/template\.yaml#L45\)/);
    const js = renderMarkdown(sampleResult(), { fileLink: () => 'javascript:alert(1)' });
    assert.doesNotMatch(js, /javascript:/);
  });

  it('escapes every template string: no HTML, no mention, no broken table', () => {
    const r = sampleResult();
    for (const s of r.services) {
      s.key = HOSTILE.join(' ');
      s.resource = HOSTILE.join('');
      s.needs = s.needs.map((n) => ({ ...n, service: '<b>x</b>|@team' }));
    }
    r.findings = HOSTILE.map((h, i) => finding({ ruleId: 'FW201', resource: h, service: r.services[0].key, message: `bad ${h}`, file: `dir/${h}.yaml`, line: i + 1, cdkPath: h }));
    r.errors = [{ file: '<script>.yaml', line: 1, message: '@admin | <b>' }];
    const out = renderMarkdown(r);
    // Code spans are inert (no HTML, no mentions, no links); everything outside them must be escaped.
    const outsideCode = out.replace(/(`+)[^`](?:.*?[^`])?\1(?!`)/g, '');
    assert.doesNotMatch(out, /<(?!br>)/, 'no raw HTML apart from our own <br>, not even in code spans (tags bind tighter)');
    assert.doesNotMatch(outsideCode, /@(?!&#8203;)/, 'no live mentions');
    assert.doesNotMatch(outsideCode, /`/, 'every backtick is inside a balanced code span');
    assert.doesNotMatch(outsideCode, /\]\(javascript/i);
    for (const line of out.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---'))) {
      const cells = line.replace(/\\\|/g, '').split('|').length - 2;
      assert.equal(cells, 6, `a table row kept its 6 cells: ${line}`);
    }
    const findingLines = out.split('\n').filter((l) => l.startsWith('- '));
    assert.ok(findingLines.length >= HOSTILE.length, 'each finding stays on one line');
  });

  it('stays under the size limit by summarising, never cutting a row', () => {
    const r: ScanResult = sampleResult();
    const many = Array.from({ length: 3000 }, (_, i) => ({ ...r.services[1], key: `svc-${i}`, resource: `Svc${i}` }));
    r.services = many;
    r.findings = many.flatMap((s, i) => [finding({ ruleId: 'FW201', resource: s.resource, service: s.key, line: i + 1, message: 'x'.repeat(150) })]);
    const out = renderMarkdown(r, { limit: 20_000 });
    assert.ok(out.length <= 20_000, `length ${out.length}`);
    assert.match(out, /and \d+ more services without room/);
    assert.match(out, /and \d+ more findings not shown/);
    for (const line of out.split('\n').filter((l) => l.startsWith('| '))) assert.match(line, /\|$/, 'rows are whole');
    const big = renderMarkdown(r);
    assert.ok(big.length <= 65_536);
  });

  it('an empty scan says so', () => {
    const r = sampleResult();
    r.services = [];
    r.findings = [];
    r.errors = [];
    r.infra = { ...r.infra, unresolved: [] };
    assert.match(renderMarkdown(r), /^## ✅ fargate-warden: no findings in 0 services\n$/);
  });
});
