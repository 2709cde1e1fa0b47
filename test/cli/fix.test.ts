import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { git } from '../shared/io/git-repo.ts';
import { parseFixArgs, runFix, type FixArgs } from '../../src/cli/fix.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXES = join(ROOT, 'test/fixtures/fixes');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], cwd: string): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, env: {} });
  return { code, stdout, stderr };
}

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fw-fix-'));
  for (const name of ['public-alb.yaml', 'lockdown.yaml']) cpSync(join(FIXES, name), join(dir, name));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

const read = (name: string): string => readFileSync(join(dir, name), 'utf8');

describe('fargate-warden fix', () => {
  it('prints a unified diff of every verified fix and changes no file', async () => {
    const before = read('public-alb.yaml');
    const { code, stdout, stderr } = await cli(['fix', '.'], dir);
    assert.equal(code, 0);
    assert.match(stdout, /^--- a\/lockdown\.yaml\n\+\+\+ b\/lockdown\.yaml\n@@ /);
    assert.match(stdout, /^--- a\/public-alb\.yaml\n\+\+\+ b\/public-alb\.yaml$/m);
    assert.match(stdout, /^\+ {6}SecurityGroupEgress:$/m);
    assert.match(stdout, /^- {8}CidrIp: "0\.0\.0\.0\/0" {3}# TODO: tighten$/m);
    assert.match(stdout, /^\+ {2}LogsEndpoint:$/m);
    assert.match(stderr, /^public-alb\.yaml:\d+: no fix: FW201 on Service \(service storefront\): subnets PublicSubnetA, PublicSubnetB send internet traffic to an internet gateway/m);
    assert.match(stderr, /fargate-warden: can fix 6 finding\(s\) in 2 file\(s\); 1 finding\(s\) without a fix \(see above\)\n$/);
    assert.equal(read('public-alb.yaml'), before);
  });

  it('--write applies them: the files hold the fixed text and a second run finds nothing to fix', async () => {
    const diff = (await cli(['fix', 'public-alb.yaml'], dir)).stdout;
    const written = await cli(['fix', '--write', 'public-alb.yaml'], dir);
    assert.equal(written.code, 0);
    assert.equal(written.stdout, '');
    assert.match(written.stderr, /fixed 2 finding\(s\) in 1 file\(s\)/);
    assert.match(read('public-alb.yaml'), /SourceSecurityGroupId: !GetAtt AlbSg\.GroupId {3}# TODO: tighten/);
    assert.ok(diff.length > 0);
    const again = await cli(['fix', 'public-alb.yaml'], dir);
    assert.equal(again.stdout, '');
    assert.match(again.stderr, /can fix 0 finding\(s\) in 0 file\(s\)/);
    const scan = await cli(['scan', '--format', 'json', 'public-alb.yaml'], dir);
    const rules = (JSON.parse(scan.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId);
    assert.ok(!rules.includes('FW202') && !rules.includes('FW203'), rules.join(','));
  });

  it('--rule limits the fixes (repeatable, comma lists, any case)', async () => {
    const one = await cli(['fix', '--rule', 'fw202', '.'], dir);
    assert.match(one.stdout, /SourceSecurityGroupId/);
    assert.doesNotMatch(one.stdout, /SecurityGroupEgress|LogsEndpoint/);
    assert.match(one.stderr, /can fix 1 finding\(s\) in 1 file\(s\)/);
    const two = await cli(['fix', '--rule', 'FW202,FW303', '--rule=FW306', '.'], dir);
    assert.match(two.stderr, /can fix 3 finding\(s\) in 2 file\(s\)/);
  });

  it('says when a rule has no automatic fix', async () => {
    const { code, stderr, stdout } = await cli(['fix', '--rule', 'FW209', '.'], dir);
    assert.equal(code, 0);
    assert.equal(stdout, '');
    assert.match(stderr, /FW209 has no automatic fix; see its docs/);
  });

  it('--format json lists the fixes, what was not fixed, and the diff per file', async () => {
    const { code, stdout } = await cli(['fix', '--format', 'json', 'public-alb.yaml'], dir);
    assert.equal(code, 0);
    const report = JSON.parse(stdout) as {
      version: number;
      fixes: { ruleId: string; resource: string; title: string; edits: unknown[] }[];
      dropped: unknown[];
      files: { path: string; diff: string }[];
    };
    assert.equal(report.version, 1);
    assert.deepEqual(report.fixes.map((f) => `${f.ruleId}/${f.resource}`).sort(), ['FW202/TaskSg', 'FW203/TaskSg']);
    assert.deepEqual(report.dropped, []);
    assert.deepEqual(report.files.map((f) => f.path), ['public-alb.yaml']);
    assert.match(report.files[0].diff, /^--- a\/public-alb\.yaml/);
  });

  it('lists on stderr, with the reason, a fix that cannot join the others', async () => {
    // FW106 empties the execution role's Policies (into a new task role); FW107 adds a policy to the
    // same list. Each works alone; together the text breaks, so the more severe FW107 goes in and
    // FW106 waits.
    writeFileSync(join(dir, 'clash.yaml'), readFileSync(join(FIXES, 'iam.yaml'), 'utf8').replace(`      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
  WorkerTaskDefinition:`, `      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
      Policies:
        - PolicyName: app
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: sqs:SendMessage, Resource: !GetAtt Queue.Arn }
  WorkerTaskDefinition:`));
    const { code, stderr } = await cli(['fix', '--rule', 'FW106,FW107', 'clash.yaml'], dir);
    assert.equal(code, 0);
    assert.match(stderr, /clash\.yaml:\d+: not fixed: FW106 on WorkerExecutionRole \(service worker\): not combined with the other fixes: .*; run fix again after applying these/);
  });

  it('one line per reason a fix was declined: the findings FW301 reports per AWS service are counted, not repeated', async () => {
    const corpus = resolve(ROOT, '../shared/corpus/aws-samples__container-patterns/pattern/dual-stack-ipv6-networking-ecs-fargate/files');
    const { stderr } = await cli(['fix', '--rule', 'FW301', corpus], dir);
    const lines = stderr.split('\n').filter((l) => l.includes(': no fix: FW301'));
    assert.equal(lines.length, 1, stderr);
    assert.match(lines[0]!, /VPC VPC is declared in .*ipv6-vpc\.yml.*: add the endpoint there, with the network, by hand \(\d+ findings\)$/);
  });

  it('lists on stderr, with the reason, findings of fixable rules that got no fix', async () => {
    const lockdown = read('lockdown.yaml');
    // The S3 gateway endpoint stays, but the task egress no longer reaches its prefix list, and the
    // template holds no prefix list ID a rule could name.
    const noPrefixList = lockdown
      .replace(/\n {8}- Description: HTTPS to S3[^\n]*\n {10}IpProtocol: tcp\n {10}FromPort: 443\n {10}ToPort: 443\n {10}DestinationPrefixListId: [^\n]+/, '')
      .replace(/\nParameters:\n {2}S3PrefixListId:\n(?: {4}[^\n]*\n)+/, '\n');
    assert.ok(!noPrefixList.includes('S3PrefixListId'), 'the fixture lost its prefix-list parameter and egress rule');
    writeFileSync(join(dir, 'lockdown.yaml'), noPrefixList);
    const { code, stderr, stdout } = await cli(['fix', '--rule', 'FW305', 'lockdown.yaml'], dir);
    assert.equal(code, 0);
    assert.match(stderr, /lockdown\.yaml:\d+: no fix: FW305 on \w+ \(service [^)]+\): \w+'s template has no s3 prefix list ID to reference \(CloudFormation cannot look one up\)/);
    assert.match(stderr, /can fix 0 finding\(s\) in 0 file\(s\); 1 finding\(s\) without a fix \(see above\)\n$/);
    const json = JSON.parse((await cli(['fix', '--rule', 'FW305', '--format', 'json', 'lockdown.yaml'], dir)).stdout) as { declined: { ruleId: string; reason: string }[] };
    assert.deepEqual(json.declined.map((d) => d.ruleId), ['FW305']);
    assert.equal(stdout, '');
  });

  it('usage errors exit 2', async () => {
    for (const [args, message] of [
      [['fix', '--rule', 'FW999'], /--rule FW999: no such rule/],
      [['fix', '--format', 'sarif'], /--format for fix must be one of diff, json/],
      [['fix', '--rule'], /--rule needs a value/],
      [['fix', '--fail-on', 'high'], /unknown option --fail-on for fix/],
      [['fix', '--write=yes'], /--write takes no value/],
    ] as [string[], RegExp][]) {
      const { code, stderr } = await cli(args, dir);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, message);
    }
  });

  it('an input error is reported and makes the exit code 2, after fixing the other files', async () => {
    writeFileSync(join(dir, 'broken.yaml'), 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A: [\n');
    const { code, stdout, stderr } = await cli(['fix', '.'], dir);
    assert.equal(code, 2);
    assert.match(stdout, /^--- a\/public-alb\.yaml/m);
    assert.match(stderr, /broken\.yaml:\d+: error: /);
  });

  it('--write counts only what was written, names the files it could not write, and exits 2', () => {
    let stderr = '';
    const written: string[] = [];
    const args = parseFixArgs(['fix', '--write', '.']) as FixArgs;
    const code = runFix(args, {
      cwd: dir,
      stdout: () => undefined,
      stderr: (t) => void (stderr += t),
      writeFile: (path) => {
        if (path.endsWith('public-alb.yaml')) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
        written.push(path);
      },
    });
    assert.equal(code, 2);
    assert.deepEqual(written, [join(dir, 'lockdown.yaml')]);
    assert.match(stderr, /^fargate-warden: cannot write public-alb\.yaml \(permission denied\)$/m);
    // public-alb.yaml holds 2 of the 6 verified fixes (see the first test): 4 were written.
    assert.match(stderr, /fargate-warden: fixed 4 finding\(s\) in 1 file\(s\); could not write public-alb\.yaml, so 2 verified fix\(es\) were not applied; /);
  });

  it('--write --format json says which files were written and which fixes applied', () => {
    let stdout = '';
    const args = parseFixArgs(['fix', '--write', '--format', 'json', '.']) as FixArgs;
    const code = runFix(args, {
      cwd: dir,
      stdout: (t) => void (stdout += t),
      stderr: () => undefined,
      writeFile: (path) => {
        if (path.endsWith('public-alb.yaml')) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      },
    });
    assert.equal(code, 2);
    const report = JSON.parse(stdout) as { fixes: { file: string; applied: boolean }[]; files: { path: string; written: boolean; error?: string }[] };
    assert.deepEqual(report.files.map((f) => [f.path, f.written, f.error]), [['lockdown.yaml', true, undefined], ['public-alb.yaml', false, 'permission denied']]);
    assert.deepEqual(
      [...new Set(report.fixes.map((f) => `${f.file} ${f.applied}`))].sort(),
      ['lockdown.yaml true', 'public-alb.yaml false'],
    );
  });

  describe('a file that is not UTF-8 text (Latin-1)', () => {
    // "Équipe café" in Latin-1: C9 and E9 are no UTF-8, so the file is analysed as text with U+FFFD.
    const latin1 = (): Buffer => Buffer.concat([Buffer.from('# Owner: \u00c9quipe caf\u00e9\n', 'latin1'), readFileSync(join(FIXES, 'public-alb.yaml'))]);

    it('--write refuses to rewrite it, says why, keeps every byte, and exits 2', async () => {
      const bytes = latin1();
      writeFileSync(join(dir, 'public-alb.yaml'), bytes);
      const { code, stdout, stderr } = await cli(['fix', '--write', '.'], dir);
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.ok(readFileSync(join(dir, 'public-alb.yaml')).equals(bytes), 'the file is byte for byte as it was');
      assert.match(stderr, /^fargate-warden: cannot write public-alb\.yaml \(not UTF-8 text, so fargate-warden does not rewrite it: the rest of the file would change; save it as UTF-8 to get this fix\)$/m);
      assert.match(stderr, /fargate-warden: fixed 4 finding\(s\) in 1 file\(s\); could not write public-alb\.yaml, so 2 verified fix\(es\) were not applied/);
      assert.match(read('lockdown.yaml'), /LogsEndpoint:/, 'the UTF-8 file is still fixed');
    });

    it('--write --format json says it was not written, and why', async () => {
      writeFileSync(join(dir, 'public-alb.yaml'), latin1());
      const { code, stdout } = await cli(['fix', '--write', '--format', 'json', 'public-alb.yaml'], dir);
      assert.equal(code, 2);
      const report = JSON.parse(stdout) as { fixes: { applied: boolean }[]; files: { path: string; written: boolean; error?: string; diff: string }[] };
      assert.deepEqual(report.files.map((f) => [f.path, f.written, f.error]), [['public-alb.yaml', false, 'not UTF-8 text, so fargate-warden does not rewrite it: the rest of the file would change; save it as UTF-8 to get this fix']]);
      assert.ok(report.files[0].diff.length > 0 && report.fixes.every((f) => !f.applied));
    });

    it('without --write, the diff is printed and stderr says --write will not write it', async () => {
      writeFileSync(join(dir, 'public-alb.yaml'), latin1());
      const { code, stdout, stderr } = await cli(['fix', 'public-alb.yaml'], dir);
      assert.equal(code, 0);
      assert.match(stdout, /^--- a\/public-alb\.yaml$/m);
      assert.match(stderr, /^fargate-warden: public-alb\.yaml is not UTF-8 text: the diff shows its other bytes as U\+FFFD, and fix --write does not rewrite it/m);
    });

    it('scan analyses it as before', async () => {
      writeFileSync(join(dir, 'public-alb.yaml'), latin1());
      const { stdout } = await cli(['scan', '--format', 'json', 'public-alb.yaml'], dir);
      const report = JSON.parse(stdout) as { findings: { ruleId: string }[]; errors: unknown[] };
      assert.deepEqual(report.errors, []);
      assert.ok(report.findings.some((f) => f.ruleId === 'FW202'));
    });
  });

  it('--write keeps a UTF-8 byte-order mark: the file is the mark and what the same file without it becomes', async () => {
    const original = readFileSync(join(FIXES, 'public-alb.yaml'));
    for (const side of ['plain', 'bom']) mkdirSync(join(dir, side));
    writeFileSync(join(dir, 'plain/public-alb.yaml'), original);
    writeFileSync(join(dir, 'bom/public-alb.yaml'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), original]));
    assert.equal((await cli(['fix', '--write', 'plain', 'bom'], dir)).code, 0);
    const fixed = readFileSync(join(dir, 'plain/public-alb.yaml'));
    assert.ok(!fixed.equals(original), 'fixed');
    assert.ok(readFileSync(join(dir, 'bom/public-alb.yaml')).equals(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fixed])));
  });

  it('fixes a YAML template whose anchor no alias names, as one without it', async () => {
    const plain = await cli(['fix', 'public-alb.yaml'], dir);
    const text = read('public-alb.yaml').replace('Tags: [{ Key: team, Value: web }]', 'Tags: &tags [{ Key: team, Value: web }]');
    assert.match(text, /&tags/);
    writeFileSync(join(dir, 'public-alb.yaml'), text);
    const { code, stdout, stderr } = await cli(['fix', 'public-alb.yaml'], dir);
    assert.equal(code, 0);
    assert.equal(stdout, plain.stdout.replace('Tags: [{ Key: team, Value: web }]', 'Tags: &tags [{ Key: team, Value: web }]'));
    assert.match(stdout, /^\+ {8}SourceSecurityGroupId: !GetAtt AlbSg\.GroupId/m);
    assert.match(stderr, /can fix 2 finding\(s\) in 1 file\(s\)/);
  });

  it('says why a fix that would edit a YAML node an alias repeats is not offered, and offers the others', async () => {
    const text = read('public-alb.yaml')
      .replace('      SecurityGroupIngress:\n      - Description: "app port', '      SecurityGroupIngress: &taskIngress\n      - Description: "app port')
      .replace('  DbSg:\n', '  DebugSg:\n    Type: AWS::EC2::SecurityGroup\n    Properties: { GroupDescription: debug, VpcId: !Ref Vpc, SecurityGroupIngress: *taskIngress }\n\n  DbSg:\n');
    writeFileSync(join(dir, 'public-alb.yaml'), text);
    const { code, stdout, stderr } = await cli(['fix', 'public-alb.yaml'], dir);
    assert.equal(code, 0);
    assert.match(stderr, /^public-alb\.yaml:\d+: no fix: FW202 on TaskSg \(service storefront\): the edit at line 80 would change the YAML node anchored as &taskIngress on line 75, which the alias \*taskIngress on line 85 repeats, so the alias would change with it/m);
    assert.match(stdout, /^\+ {6}SecurityGroupEgress:/m, 'FW203 adds egress all the same');
    assert.doesNotMatch(stdout, /SourceSecurityGroupId: !GetAtt AlbSg/);
    assert.match(stderr, /can fix 1 finding\(s\) in 1 file\(s\)/);
  });

  describe('diff headers that git apply and patch accept', () => {
    /** Checks `diff` with a patch tool in `cwd`; throws with the tool's message when it refuses. */
    const accepts = (cwd: string, diff: string, tool: 'git' | 'patch'): void => {
      const patch = join(dir, 'out.diff');
      writeFileSync(patch, diff);
      if (tool === 'git') git(cwd, 'apply', '--check', patch);
      else execFileSync('patch', ['-p1', '--dry-run', '--batch', '-i', patch], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    };

    /** A git work tree `repo` with the template at infra/app.yaml; `fix app.yaml` run in `cwd` names it from the root. */
    const namedFromRoot = async (cwd: (repo: string) => string): Promise<{ repo: string; stdout: string }> => {
      const repo = join(dir, 'repo');
      mkdirSync(join(repo, 'infra'), { recursive: true });
      git(repo, 'init', '-q');
      cpSync(join(FIXES, 'public-alb.yaml'), join(repo, 'infra/app.yaml'));
      const { stdout, stderr } = await cli(['fix', 'app.yaml'], cwd(repo));
      assert.match(stdout, /^--- a\/infra\/app\.yaml\n\+\+\+ b\/infra\/app\.yaml\n/);
      assert.doesNotMatch(stderr, /the diff names/);
      accepts(repo, stdout, 'git');
      return { repo, stdout };
    };

    it('in a git work tree, files are named from its root, as git diff names them: git apply takes it there and in the subdirectory', async () => {
      const { repo, stdout } = await namedFromRoot((root) => join(root, 'infra'));
      accepts(join(repo, 'infra'), stdout, 'git');
      accepts(repo, stdout, 'patch');
    });

    it('run from a subdirectory of a work tree reached through a symbolic link, files are still named from the work tree\'s root', async () => {
      const { stdout } = await namedFromRoot((repo) => {
        symlinkSync(join(repo, 'infra'), join(dir, 'link'));
        return join(dir, 'link');
      });
      accepts(join(dir, 'link'), stdout, 'git');
    });

    it('outside any work tree, a file below the working directory is named from it', async () => {
      mkdirSync(join(dir, 'infra'));
      cpSync(join(FIXES, 'public-alb.yaml'), join(dir, 'infra/app.yaml'));
      const { stdout, stderr } = await cli(['fix', 'infra/app.yaml'], dir);
      assert.match(stdout, /^--- a\/infra\/app\.yaml\n\+\+\+ b\/infra\/app\.yaml\n/);
      assert.doesNotMatch(stderr, /the diff names/);
      accepts(dir, stdout, 'patch');
    });

    it('a file outside the working directory and its work tree is named from its own directory, and stderr says where to apply it', async () => {
      const other = join(dir, 'other');
      mkdirSync(join(dir, 'work'));
      mkdirSync(other);
      cpSync(join(FIXES, 'public-alb.yaml'), join(other, 't.yaml'));
      const { stdout, stderr } = await cli(['fix', '../other/t.yaml'], join(dir, 'work'));
      assert.match(stdout, /^--- a\/t\.yaml\n\+\+\+ b\/t\.yaml\n/);
      assert.doesNotMatch(stdout, /^(---|\+\+\+) .*\.\./m);
      assert.ok(stderr.includes(`the diff names ../other/t.yaml as a/t.yaml, from ${other} (outside this directory and its git work tree): apply it there (git -C ${other} apply, or patch -d ${other} -p1)\n`), stderr);
      accepts(other, stdout, 'git');
      accepts(other, stdout, 'patch');
    });
  });

  it('--help documents the command', async () => {
    const { code, stdout } = await cli(['fix', '--help'], dir);
    assert.equal(code, 0);
    for (const text of ['--write', '--rule ID', '--format diff|json', 'unified diff']) assert.ok(stdout.includes(text), text);
    assert.match((await cli(['--help'], dir)).stdout, /fargate-warden fix \[PATH\.\.\.\]/);
  });
});
