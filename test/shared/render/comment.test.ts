import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMENT_BUDGET, COMMENT_LIMIT, COMMENT_MARKER, headFilesShown, renderComment, type CommentOptions } from '../../../src/shared/render/comment/comment.ts';
import { diffPostures } from '../../../src/shared/diff/diff.ts';
import type { PostureDiff, ServiceDiff } from '../../../src/shared/diff/types.ts';
import type { Finding } from '../../../src/shared/model/index.ts';
import { defaultConfig } from '../../../src/shared/config/index.ts';
import { scan } from '../../../src/shared/engine.ts';
import { DIFF_FIXTURES, ROOT, analysisDeps, diffExamples, diffScenario, diffTexts, publicIpByEnv, scanPath } from '../diff/support.ts';
import { assertWellFormed, tableCells } from './comment-structure.ts';
import { bigDiff, hostileDiff } from './comment-fixtures.ts';
import { finding } from './sample.ts';

const SNAPSHOTS = join(ROOT, DIFF_FIXTURES, '__snapshots__');

/**
 * Compares with the stored snapshot; `UPDATE_SNAPSHOTS=1` rewrites it instead. A snapshot is what
 * reviewers see on a pull request: read the diff of a rewritten one before committing it.
 */
function matchSnapshot(name: string, actual: string): void {
  const file = join(SNAPSHOTS, `${name}.md`);
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    mkdirSync(SNAPSHOTS, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `snapshot ${name}.md exists (create it with UPDATE_SNAPSHOTS=1)`);
  assert.equal(actual, readFileSync(file, 'utf8'), `comment matches ${DIFF_FIXTURES}/__snapshots__/${name}.md (UPDATE_SNAPSHOTS=1 to accept a change)`);
}

describe('renderComment snapshots', () => {
  // The title is what `fargate-warden diff --base examples/base --head examples/head` passes, so
  // the README's first command prints exactly examples.md (the CLI test checks that).
  it('bundled examples', () => {
    const md = renderComment(diffExamples(), { title: 'examples/base…examples/head' });
    assertWellFormed(md);
    matchSnapshot('examples', md);
  });

  it('bundled examples with links to the pull request commits', () => {
    const md = renderComment(diffExamples(), { repoUrl: 'https://github.com/acme/orders', ref: 'f00dfeed', baseRef: 'c0ffee00', title: 'main…move-to-private-subnets' });
    assertWellFormed(md);
    matchSnapshot('examples-links', md);
    assert.match(md, /\[`examples\/head\/api-service\.yaml:170`\]\(https:\/\/github\.com\/acme\/orders\/blob\/f00dfeed\/examples\/head\/api-service\.yaml#L170\)/);
    assert.match(md, /\(https:\/\/github\.com\/acme\/orders\/blob\/c0ffee00\/examples\/base\/api-service\.yaml#L200\)/, 'resolved findings link to the base commit');
  });

  for (const scenario of ['nat-route', 'sg-reference', 'shared-role', 'cdk-hash', 'unrelated', 'endpoint-sg-opened', 'endpoint-policy', 'secret-unreadable', 'head-unreadable', 'undecided-import']) {
    it(`scenario ${scenario}`, () => {
      const md = renderComment(diffScenario(scenario), { title: scenario });
      assertWellFormed(md);
      matchSnapshot(scenario, md);
    });
  }
});

describe('renderComment content', () => {
  it('the examples comment: marker, verdict line, one table row, details with file:line, findings with rule docs, a flowchart', () => {
    const md = renderComment(diffExamples());
    const lines = md.split('\n');
    assert.equal(lines[0], COMMENT_MARKER);
    assert.equal(lines[1], '### fargate-warden: 🔺 Broadening');
    const structure = assertWellFormed(md);
    assert.equal(structure.tables[0]!.rows, 1, 'one row per changed service');
    assert.match(md, /\| 🔺 `orders-api` \| \+3 \(of which Write 2\) \| — \(public IP off\) \| — \(internet gateway → endpoints only\) \| ❌ `dynamodb` · endpoint rules \+2 · endpoint policy \+11 \| 2 new \(🟧 high\) · 2 resolved \|/);
    assert.match(md, /\| \+ \| `ApiTaskRole` \(task\) \| `s3:PutObject` \| `\*` \| Write \| `examples\/head\/api-service\.yaml:170` \|/);
    assert.match(md, /\[FW103\]\(https:\/\/github\.com\/fargate-warden\/fargate-warden\/blob\/main\/docs\/rules\/FW103\.md\)/);
    assert.match(md, /```mermaid\nflowchart LR\n/);
    assert.match(md, /class aws5(,\w+)* lost/, 'the lost dynamodb node is highlighted');
    assert.doesNotMatch(md, /Summarized/);
  });

  it('rules of an endpoint the service starts or stops using say so: the rule itself did not change', () => {
    assert.match(renderComment(diffExamples()), /\| \+ \| endpoint `EcrApiEndpoint` it starts using \|/);
    const reversed = diffPostures(scanPath('examples/head'), scanPath('examples/base'));
    assert.match(renderComment(reversed), /\| − \| endpoint `EcrApiEndpoint` it no longer uses \(the rule itself is unchanged\) \|/);
  });

  it('ECS Exec turned on shows in the table, not only in the reasons', () => {
    assert.match(renderComment(diffScenario('ecs-exec')), /\| 🔺 `orders-api` \| [^|]+ \| — \(ECS Exec on\) \|/);
  });

  it('a changed service whose changes add up to nothing is not called "no posture change"', () => {
    const diff = diffScenario('iam-narrowed');
    const s = diff.services[0]!;
    const quiet = { ...diff, verdict: 'none' as const, reasons: [], services: [{ ...s, verdict: 'none' as const, reasons: [] }] };
    assert.match(renderComment(quiet), /<b>[^<]+<\/b> — changed, nothing gained or lost<\/summary>/);
  });

  it('a change that touches nothing Fargate-relevant says so in one line', () => {
    const md = renderComment(diffScenario('unrelated'));
    const body = md.split('\n').filter((l) => l !== '' && l !== COMMENT_MARKER && !l.startsWith('###') && !l.startsWith('<sub>'));
    assert.deepEqual(body, ['No Fargate-relevant change: the permissions, network exposure and reachability of 1 service stay the same, and no finding is new or resolved.']);
  });

  it('unchanged services are summarized in one line next to changed ones', () => {
    const diff = diffScenario('edited-statement');
    const other: ServiceDiff = { ...diff.services[0]!, key: 'orders-worker', status: 'unchanged', verdict: 'none', reasons: [], permissions: { added: [], removed: [] } };
    const md = renderComment({ ...diff, services: [...diff.services, other] });
    assert.match(md, /^Unchanged: 1 service \(`orders-worker`\)\.$/m);
    assert.equal(md.match(/<details>/g)?.length, 1, 'details only for the changed service');
  });

  it('a new service that cannot reach what it needs is told so, not that it no longer can', () => {
    const diff = bigDiff(1, 2);
    diff.services[0]!.status = 'added';
    assert.match(renderComment(diff), /> Tasks of `service-0000` will fail to start: they cannot reach `logs`\./);
    diff.services[0]!.status = 'changed';
    assert.match(renderComment(diff), /> Tasks of `service-0000` will fail to start: they can no longer reach `logs`\./);
  });

  it('tells CDK users where their code made what a finding is about (aws:cdk:creationStack)', () => {
    const dir = 'test/fixtures/cdk/cdk.out';
    const files = readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.json')).map((f) => ({ path: `${dir}/${f}`, text: readFileSync(join(ROOT, dir, f), 'utf8') }));
    const wider = '"Policies": [{ "PolicyName": "p", "PolicyDocument": { "Statement": [{ "Action": "s3:*", "Effect": "Allow", "Resource": "*" }] } }],\n    "AssumeRolePolicyDocument"';
    const head = files.map((f) => (f.path.endsWith('/Service.template.json') ? { ...f, text: f.text.replace('"AssumeRolePolicyDocument"', wider) } : f));
    const diff = diffPostures(scan(files, analysisDeps(), defaultConfig()), scan(head, analysisDeps(), defaultConfig()));
    assert.deepEqual(diff.findings.new.map((f) => [f.ruleId, f.cdkSource]), [['FW103', '/app/lib/service.ts:30:22'], ['FW104', '/app/lib/service.ts:30:22']]);
    assert.match(renderComment(diff), /`TaskRole30FC0FBB` \(`Service\/TaskRole\/Resource`\) at `test\/fixtures\/cdk\/cdk\.out\/Service\.template\.json:\d+` · CDK code at `\/app\/lib\/service\.ts:30`: /);
  });

  it('a public IP under some outcomes says which, as before the outcomes were data: one condition\'s, several keys of a mapping', () => {
    const ifOutcome = renderComment(diffScenario('if-public-ip'));
    assert.match(ifOutcome, /^\| \*\*Public IP\*\* \| no \| \*\*yes \(only when Condition IsProd is false\)\*\* \|$/m);
    assert.match(ifOutcome, /— \(public IP on \(only when Condition IsProd is false\)\) \|/);
    const names = { dev: 'dev or qa', staging: 'blue and green' };
    const twoKeys = renderComment(diffTexts(publicIpByEnv(['dev'], names), publicIpByEnv(['dev', 'staging'], names)));
    assert.match(twoKeys, /^\| \*\*Public IP\*\* \| yes \(only when Env is dev or qa\) \| \*\*yes \(only when Env is dev or qa or blue and green\)\*\* \|$/m);
    assert.match(twoKeys, /— \(public IP on \(only when Env is dev or qa or blue and green\)\) \|/);
  });

  it('a public IP under mapping keys of any length: the outcome is shortened as other template text is', () => {
    const long = 'k'.repeat(1000);
    const md = renderComment(diffTexts(publicIpByEnv(['dev'], { staging: long }), publicIpByEnv(['dev', 'staging'], { staging: long })));
    assert.match(md, /\| \*\*Public IP\*\* \| yes \(only when Env is dev\) \| \*\*yes \(only when Env is dev or k+…\)\*\* \|$/m);
    assert.doesNotMatch(md, /k{400}/);
    assertWellFormed(md);
    // A grant under that key only: the permission table's outcome too.
    const base = publicIpByEnv(['dev'], { staging: long });
    const grants = renderComment(diffTexts(base, base.replace('Bucket: arn:aws:s3:::app-staging/*', 'Bucket: arn:aws:s3:::app-staging-2/*')));
    assert.match(grants, /`s3:GetObject` \| `arn:aws:s3:::app-staging-2\/\*`[^\n]* \(only when Env is k+…\)/);
    assert.doesNotMatch(grants, /k{400}/);
    assertWellFormed(grants);
  });

  it('says when files could not be analyzed', () => {
    const diff = diffScenario('unrelated');
    const md = renderComment({ ...diff, errors: [{ side: 'head', file: 'infra/broken.yaml', line: 7, message: 'YAML: bad indentation' }] });
    assert.match(md, /> \[!WARNING\]\n> 1 file could not be analyzed; what they define is missing from this comparison:\n> - head: infra/);
    assertWellFormed(md);
  });

  it('ignores a repository URL that is not a plain http(s) URL', () => {
    const md = renderComment(diffExamples(), { repoUrl: 'javascript:alert(1)//', ref: 'main' });
    assert.doesNotMatch(md, /javascript/);
    assert.doesNotMatch(md, /\]\(https:\/\/github\.com\/acme/);
  });
});

const HOSTILE = '<img src=x onerror=alert(1)> @octocat #1 | col | `tick` ``` ~~~ [x](javascript:alert(1)) <!-- fargate-warden:comment --> </details> %%{init: {}}%%\n# heading\n- item';

describe('renderComment with hostile template strings', () => {
  it('a hostile ServiceName from a real template renders harmlessly', () => {
    const template = (publicIp: string): string => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: tasks
      VpcId: vpc-0abc
      SecurityGroupEgress:
        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }
  TaskDef:
    Type: AWS::ECS::TaskDefinition
    Properties:
      NetworkMode: awsvpc
      RequiresCompatibilities: [FARGATE]
      ContainerDefinitions:
        - Name: app
          Image: nginx
  Service:
    Type: AWS::ECS::Service
    Properties:
      ServiceName: ${JSON.stringify(HOSTILE)}
      LaunchType: FARGATE
      TaskDefinition: !Ref TaskDef
      NetworkConfiguration:
        AwsvpcConfiguration:
          AssignPublicIp: ${publicIp}
          Subnets: [subnet-0aaa]
          SecurityGroups: [!Ref Sg]
`;
    const side = (publicIp: string) => scan([{ path: 'evil/<b>@x|`.yaml', text: template(publicIp) }], analysisDeps(), defaultConfig());
    const diff = diffPostures(side('DISABLED'), side('ENABLED'));
    assert.equal(diff.services[0]!.key, HOSTILE, 'the key reached the diff as written');
    assert.equal(diff.verdict, 'broadening');
    const md = renderComment(diff, { title: HOSTILE, repoUrl: 'https://github.com/acme/orders', ref: 'main' });
    assertWellFormed(md);
    assert.doesNotMatch(md, /<img|<b>@x|\[x\]\(javascript/);
    assert.match(md, /\| 🔺 &lt;img src\\=x onerror\\=alert\\\(1\\\)&gt; @&#8203;octocat/, 'the name is shown, as text');
  });

  it('hostile strings in every field of a hand-built diff render harmlessly and keep the tables intact', () => {
    const diff = hostileDiff(HOSTILE);
    const md = renderComment(diff, { title: HOSTILE, repoUrl: 'https://github.com/acme/orders', ref: HOSTILE });
    const structure = assertWellFormed(md);
    assert.ok(structure.tables.length >= 4, 'summary, exposure, permissions and rules tables');
    assert.equal(structure.fences, 1, 'one flowchart');
    assert.doesNotMatch(md, /<img|<script|\]\(javascript/i);
    assert.doesNotMatch(md, /^#+ heading/m, 'no line of a template string starts a heading');
    assert.doesNotMatch(md, /^- item/m, 'or a list item');
    assert.match(md, /%7C%20col%20%7C/, 'link targets are percent-encoded');
  });
});

describe('renderComment size budget', () => {
  it('thousands of permission changes over hundreds of services stay under the limit, summarized, tables whole', () => {
    const diff = bigDiff(300, 20);
    assert.equal(diff.services.reduce((n, s) => n + s.permissions.added.length + s.permissions.removed.length, 0), 200 * 20 + 100 * 10);
    const md = renderComment(diff);
    assert.ok(md.length <= COMMENT_BUDGET, `${md.length} characters`);
    assert.ok(md.length < COMMENT_LIMIT);
    const structure = assertWellFormed(md);
    assert.match(md, /> \[!NOTE\]\n> Summarized to stay within GitHub's 65,536-character comment limit: /);
    assert.ok(structure.tables.length > 0);
    // The most important services come first: the broadening ones.
    const firstRow = md.split('\n').find((l) => l.startsWith('| 🔺') || l.startsWith('| 🔻'));
    assert.ok(firstRow?.startsWith('| 🔺'), 'broadening services lead the table');
  });

  it('one service with an administrator-sized permission change keeps its details, with grouped rows', () => {
    const diff = bigDiff(1, 12_000, '*');
    const md = renderComment(diff);
    assert.ok(md.length <= COMMENT_BUDGET);
    assertWellFormed(md);
    assert.match(md, /\| \+ \| `TaskRole` \(task\) \| `\*` \(6000 actions\) \|/, 'one wildcard grant is one row');
    assert.doesNotMatch(md, /Summarized/, 'a grouped list needs no summary');
  });

  it('a tight budget drops flowcharts and long lists first, then details, then table rows; it always says so', () => {
    const diff = bigDiff(40, 30);
    const sizes: number[] = [];
    for (const budget of [200_000, 40_000, 15_000, 6_000, 2_500]) {
      const md = renderComment(diff, { budget });
      assert.ok(md.length <= budget, `${md.length} <= ${budget}`);
      assertWellFormed(md);
      sizes.push(md.length);
      if (budget < 200_000) assert.match(md, /Summarized/);
    }
    assert.doesNotMatch(renderComment(diff, { budget: 40_000 }), /```mermaid/);
    assert.match(renderComment(diff, { budget: 15_000 }), /details shown for \d+ of 40 changed services/);
    assert.match(renderComment(diff, { budget: 2_500 }), /more changed services are not listed/);
  });

  it('when not even one service\'s short lists fit, it keeps the details with fewer rows before dropping them', () => {
    const diff = bigDiff(1, 40, 's3:GetObject');
    const kept: number[] = [];
    for (let budget = 8_000; budget >= 1_500; budget -= 100) {
      const md = renderComment(diff, { budget });
      assert.ok(md.length <= budget);
      assertWellFormed(md);
      if (md.includes('<details>') && /change lists shortened to 2 rows per service/.test(md)) kept.push(budget);
    }
    assert.ok(kept.length > 0, 'some budgets keep the one service\'s details at two rows');
  });

  it('says only what it cut: lists no longer than the level allows are not called shortened', () => {
    const md = renderComment(bigDiff(60, 4));
    assert.match(md, /> Summarized to stay within GitHub's 65,536-character comment limit: flowcharts left out; details shown for \d+ of 60 changed services\./);
    assert.doesNotMatch(md, /shortened/);
  });

  it('hostile, very long names cannot blow the budget', () => {
    const diff = hostileDiff(HOSTILE.repeat(200), 200);
    const md = renderComment(diff);
    assert.ok(md.length <= COMMENT_BUDGET, `${md.length}`);
    assertWellFormed(md);
  });
});

// Keep tableCells honest: it is what the table checks rely on.
describe('tableCells', () => {
  it('splits on unescaped pipes only, code spans included', () => {
    assert.deepEqual(tableCells('| a | `b\\|c` | d\\\\| e |'), [' a ', ' `b\\|c` ', ' d\\\\', ' e ']);
  });
});


describe('renderComment: long service names', () => {
  it('keep their ends, so services whose names share a long start stay apart in the table, the summaries and the flowcharts', () => {
    const diff = bigDiff(2, 2);
    const prefix = `ApiStack/${'Construct'.repeat(25)}`;
    diff.services.forEach((s, i) => {
      s.key = `${prefix}/Service${i === 0 ? 'Orders' : 'Billing'}/Resource`;
    });
    const comment = renderComment(diff);
    const rows = comment.split('\n').filter((l) => /^\| (🔺|🔻|🔸|▫️) /.test(l));
    assert.equal(rows.length, 2);
    assert.notEqual(rows[0]!.split(' | ')[0], rows[1]!.split(' | ')[0]);
    assert.match(comment, /<summary>[^\n]*ServiceOrders\/Resource<\/b>/);
    assert.match(comment, /<summary>[^\n]*ServiceBilling\/Resource<\/b>/);
    assert.match(comment, /svc\["[^"]*ServiceOrders\/Resource<br\/>/);
  });
});

describe('renderComment: a pipe in a service name', () => {
  it('is escaped in table cells only; elsewhere the backslash would show', () => {
    const diff = bigDiff(1, 2);
    diff.services[0]!.key = 'svc|a';
    for (const r of diff.services[0]!.reasons) r.service = 'svc|a';
    const comment = renderComment(diff);
    assert.match(comment, /^\| 🔺 `svc\\\|a` \|/m, 'in the table');
    assert.match(comment, /\*\*Broader:\*\* `svc\|a` gains/, 'in the reasons line');
  });
});

describe('renderComment: FW301 findings of a service with no path to AWS at all', () => {
  const template = (side: string, name: string): { path: string; text: string } => ({
    path: `${side}/template.yaml`,
    text: readFileSync(join(ROOT, DIFF_FIXTURES, 'nat-route', side, 'template.yaml'), 'utf8').replace('ServiceName: orders-api', `ServiceName: ${JSON.stringify(name)}`),
  });
  const natRoute = (name: string, reversed = false) => {
    const [base, head] = ['base', 'head'].map((side) => scan([template(side, name)], analysisDeps(), defaultConfig()));
    return reversed ? diffPostures(head!, base!) : diffPostures(base!, head!);
  };
  const fw301Items = (md: string): string[] => md.split('\n').filter((l) => l.startsWith('- ') && l.includes('[FW301]'));

  it('a change that removes the NAT route shows them as one new item, ×N; the table and the JSON count each finding', () => {
    const diff = natRoute('orders-api');
    assert.equal(diff.findings.new.filter((f) => f.ruleId === 'FW301').length, 5, 'the findings stay one per AWS service');
    const md = renderComment(diff);
    const items = fw301Items(md);
    assert.equal(items.length, 1, md);
    assert.match(items[0]!, /^- 🟥 \*\*critical\*\* \[FW301\]\([^)]+\) ×5 `ApiService` at /);
    assert.match(items[0]!, /One cause for 5 FW301 findings, one per AWS service it cannot reach\\: ecr\.api, ecr\.dkr, s3 and logs, which its tasks need at start\\-up, so tasks will fail to start; and dynamodb, which its application calls at run time/);
    assert.match(md, /\| 5 new \(🟥 critical\) \|$/m, 'the table counts findings');
  });

  it('a change that restores the route shows them as one resolved item, read by base', () => {
    const md = renderComment(natRoute('orders-api', true));
    const items = fw301Items(md);
    assert.equal(items.length, 1, md);
    assert.match(md, /\*\*Resolved findings\*\*\n\n- 🟥 \*\*critical\*\* \[FW301\]\([^)]+\) ×5 `ApiService` at `head\/template\.yaml:\d+`/, 'the side without the route is the first one');
    assert.match(md, /\| 5 resolved \|$/m);
  });

  it('summarized to fit a budget, the comment fits, and where it lists the findings the item is one row: nothing is said to be left out', () => {
    const diff = natRoute('orders-api');
    const levels = new Set<string>();
    for (let budget = renderComment(diff).length; budget >= 1_500; budget -= 250) {
      const md = renderComment(diff, { budget });
      assert.ok(md.length <= budget, `${md.length} <= ${budget}`);
      if (!md.includes('**New findings**')) continue;
      assert.equal(fw301Items(md).length, 1, md);
      assert.doesNotMatch(md, /- and \d+ more|lists shortened/, md);
      levels.add(/flowcharts left out/.test(md) ? 'short' : 'full');
    }
    assert.deepEqual([...levels].sort(), ['full', 'short'], 'summarized comments that still list the findings were tried');
  });

  it('a hostile service name stays escaped in the item', () => {
    const md = renderComment(natRoute('@octocat <img src=x> [pwn](https://evil.example) *x*'));
    const items = fw301Items(md);
    assert.equal(items.length, 1, md);
    assert.match(items[0]!, /: Service @&#8203;octocat &lt;img src\\=x&gt; \\\[pwn\\\]\\\(https\\:&#8203;\/\/evil\.example\\\) \\\*x\\\* has no path to AWS/);
    assert.doesNotMatch(items[0]!, /@octocat|<img|\[pwn\]\(/);
    assertWellFormed(md);
  });
});

describe('renderComment: findings of one rule at one place that differ only in the key of their `when` clause', () => {
  const fixture = readFileSync(join(ROOT, 'test/fixtures/cfn/mappings-by-env.yaml'), 'utf8');
  const scanned = (text: string) => scan([{ path: 'mappings-by-env.yaml', text }], analysisDeps(), defaultConfig());
  /** dev closed on base; on head dev and `key` (one of Env's AllowedValues) open TCP 8080 to the world. */
  const opened = (key: string) => diffPostures(
    scanned(fixture.replace('dev: { IngressCidr: 0.0.0.0/0', 'dev: { IngressCidr: 10.9.0.0/16')),
    scanned(fixture.replace('AllowedValues: [dev, staging, prod]', `AllowedValues: [dev, staging, prod, ${JSON.stringify(key)}]`).replace('    sandbox: {', `    ${JSON.stringify(key)}: {`)),
  );
  const fw202Items = (md: string): string[] => md.split('\n').filter((l) => l.startsWith('- ') && l.includes('[FW202]'));

  it('read as one new item naming every key, ×N; the table and the JSON count each finding', () => {
    const diff = opened('sandbox');
    assert.equal(diff.findings.new.filter((f) => f.ruleId === 'FW202').length, 2);
    const md = renderComment(diff);
    const items = fw202Items(md);
    assert.equal(items.length, 1, md);
    assert.match(items[0]!, /^- 🟧 \*\*high\*\* \[FW202\]\([^)]+\) ×2 `TaskSg` at `mappings-by-env\.yaml:69`: .*from 0\.0\.0\.0\/0 \\\(anywhere\\\) when Env is dev or sandbox\. Admit only/);
    assert.match(md, /\| 2 new \(🟧 high\) \|$/m);
  });

  it('a hostile key stays escaped', () => {
    const md = renderComment(opened('@octocat <img src=x> [pwn](https://evil.example)'));
    const items = fw202Items(md);
    assert.equal(items.length, 1, md);
    assert.match(items[0]!, /when Env is @&#8203;octocat &lt;img src\\=x&gt; \\\[pwn\\\]\\\(https\\:&#8203;\/\/evil\.example\\\) or dev\. Admit only/);
    assert.doesNotMatch(items[0]!, /@octocat|<img|\[pwn\]\(/);
    assertWellFormed(md);
  });
});

describe('renderComment: findings not tied to one service', () => {
  it('links each to the side that reported it: new and newly suppressed to head, resolved and no longer decidable to base', () => {
    const at = (ruleId: string, line: number): Finding => finding({ ruleId, resource: `Group${line}`, file: 'infra/network.yaml', line, cdkSource: `lib/stack.ts:${line + 1}:5` });
    const [added, resolved, undecided, suppressed] = [at('FW203', 11), at('FW203', 22), at('FW203', 33), { ...at('FW203', 44), suppressed: { by: 'config' as const, reason: 'accepted' } }];
    const diff: PostureDiff = {
      services: [],
      findings: { new: [added], resolved: [resolved], unchanged: [], undecided: [undecided], suppressed: [suppressed] },
      headFindingStates: ['new', 'updated'],
      unresolved: { added: [], removed: [] },
      verdict: 'mixed',
      reasons: [],
      errors: [],
    };
    const md = renderComment(diff, { repoUrl: 'https://github.com/acme/orders', ref: 'headsha', baseRef: 'basesha' });
    const linkOf = (line: number): string | undefined => new RegExp(`https://github\\.com/acme/orders/blob/(\\w+)/infra/network\\.yaml#L${line}\\b`).exec(md)?.[1];
    assert.deepEqual([linkOf(11), linkOf(22), linkOf(33), linkOf(44)], ['headsha', 'basesha', 'basesha', 'headsha'], md);
    // The CDK code that made each, on the same side.
    const codeOf = (line: number): string | undefined => new RegExp(`CDK code at \\[[^\\]]*\\]\\(https://github\\.com/acme/orders/blob/(\\w+)/lib/stack\\.ts#L${line + 1}\\)`).exec(md)?.[1];
    assert.deepEqual([codeOf(11), codeOf(22), codeOf(33), codeOf(44)], ['headsha', 'basesha', 'basesha', 'headsha'], md);
    assert.deepEqual(headFilesShown(diff), new Set(['infra/network.yaml', 'lib/stack.ts']));
  });
});

describe('headFilesShown: the files whose head-side lines the comment shows', () => {
  /** What rendering asks `headLine` about, at every level of detail it tries for `budget`. */
  const askedWhileRendering = (diff: PostureDiff, budget?: number): Set<string> => {
    const files = new Set<string>();
    const headLine: CommentOptions['headLine'] = (file, line) => {
      files.add(file);
      return line;
    };
    renderComment(diff, { repoUrl: 'https://github.com/o/r', ref: 'abc', baseRef: 'def', headLine, ...(budget === undefined ? {} : { budget }) });
    return files;
  };
  const scenarios = readdirSync(join(ROOT, DIFF_FIXTURES), { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== '__snapshots__').map((d) => d.name);

  it('are the files rendering asks about, for every diff scenario, the examples, a big diff and a hostile one', () => {
    const diffs: [string, PostureDiff][] = [
      ...scenarios.map((name): [string, PostureDiff] => [name, diffScenario(name)]),
      ['examples', diffExamples()],
      ['big', bigDiff(40, 20)],
      ['hostile', hostileDiff(HOSTILE, 3)],
    ];
    for (const [name, diff] of diffs) assert.deepEqual(headFilesShown(diff), askedWhileRendering(diff), name);
  });

  it('are the files rendering asks about when every place the comment can show is in a file of its own', () => {
    // Services with every kind of change and finding, one not compared, findings no service lists,
    // CDK code locations; each location gets its own file, so a place left out or added shows.
    const diff = bigDiff(3, 4);
    let n = 0;
    const own = (x: { file: string }): void => {
      x.file = `infra/f${n++}.yaml`;
    };
    const finding = (f: Finding, extra: Partial<Finding> = {}): Finding => Object.assign({ ...f, cdkSource: `lib/f${n++}.ts:${n}:1` }, extra);
    const [first, second] = diff.services as [ServiceDiff, ServiceDiff];
    second.notCompared = 'its task definition could not be read on one side';
    for (const s of diff.services) {
      own(s);
      s.cdkSource = `lib/service${n++}.ts:3:1`;
      for (const x of [...s.permissions.added, ...s.permissions.removed, ...s.securityGroupRules.added, ...s.securityGroupRules.removed, ...s.endpointPolicies.added]) own(x);
      s.endpointPolicies.removed = [{ ...s.endpointPolicies.added[0]!, file: `infra/f${n++}.yaml` }];
      s.findings.undecided = [finding(s.findings.new[0]!)];
      s.findings.suppressed = [finding(s.findings.new[0]!, { suppressed: { reason: 'accepted', by: 'inline' } })];
      s.findings.new = s.findings.new.map((f) => finding(f));
      s.findings.resolved = s.findings.resolved.map((f) => finding(f));
      for (const f of [...s.findings.new, ...s.findings.resolved, ...s.findings.undecided, ...s.findings.suppressed]) own(f);
    }
    const global = (): Finding => {
      const f = finding({ ...first.findings.new[0]!, service: undefined });
      own(f);
      return f;
    };
    diff.findings = {
      new: [...diff.services.flatMap((s) => s.findings.new), global()],
      resolved: [...diff.services.flatMap((s) => s.findings.resolved), global()],
      undecided: [...diff.services.flatMap((s) => s.findings.undecided), global()],
      suppressed: [...diff.services.flatMap((s) => s.findings.suppressed), { ...global(), suppressed: { reason: 'accepted', by: 'config' } }],
      unchanged: [],
    };
    for (const u of diff.unresolved.added) own(u);
    // More rules than the fullest level lists (50): the rest are counted, their files not shown.
    first.securityGroupRules.added = Array.from({ length: 60 }, (_, i) => ({ ...first.securityGroupRules.added[0]!, ports: String(2000 + i), file: `infra/rule${i}.yaml` }));
    diff.services.push({ ...first, key: 'removed-one', status: 'removed', file: 'infra/removed.yaml', cdkSource: 'lib/removed.ts:9:1' });
    const shown = headFilesShown(diff);
    assert.deepEqual(shown, askedWhileRendering(diff));
    for (const file of ['infra/removed.yaml', 'lib/removed.ts', 'infra/rule50.yaml', second.permissions.added[0]!.file, first.permissions.removed[0]!.file, first.findings.resolved[0]!.file]) assert.ok(!shown.has(file), `${file}: not a head-side line`);
    assert.ok(shown.has(second.file) && shown.has(diff.findings.suppressed.at(-1)!.file), 'a service not compared, a suppressed finding no service lists');
  });

  it('a comment summarized for length still counts the files of the details it leaves out, as rendering did', () => {
    // Each service, its changes and findings in a file of its own.
    const diff = bigDiff(40, 20);
    for (const s of diff.services) {
      const file = `infra/${s.key}.yaml`;
      s.file = file;
      for (const x of [...s.permissions.added, ...s.permissions.removed, ...s.securityGroupRules.added, ...s.securityGroupRules.removed, ...s.endpointPolicies.added]) x.file = file;
      for (const f of [...s.findings.new, ...s.findings.resolved]) f.file = file;
    }
    const md = renderComment(diff, { budget: 15_000 });
    const detailed = Number(/details shown for (\d+) of 40 changed services/.exec(md)?.[1]);
    assert.ok(detailed > 0 && detailed < 40, md.slice(-600));
    const shown = headFilesShown(diff);
    // Every service file and infra/app.yaml (where bigDiff puts the values it leaves undecided).
    assert.deepEqual(shown, new Set([...diff.services.map((s) => s.file), 'infra/app.yaml']));
    assert.ok(diff.services.some((s) => !md.includes(s.file)), 'some services\' files are not in the summarized comment');
    assert.deepEqual(shown, askedWhileRendering(diff, 15_000));
  });
});
