import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectFiles } from '../../../src/shared/io/walk.ts';

const YAML_TEMPLATE = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n';
const JSON_TEMPLATE = JSON.stringify({ Resources: { Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: {} } } });

let root: string;
let outside: string;
function write(rel: string, text: string): void {
  const abs = join(root, rel);
  mkdirSync(join(abs, '..'), { recursive: true });
  writeFileSync(abs, text);
}

describe('collectFiles', () => {
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'fw-walk-'));
    write('infra/api.yaml', YAML_TEMPLATE);
    write('infra/network.template', YAML_TEMPLATE);
    write('infra/experiments/try.yaml', YAML_TEMPLATE);
    write('infra/README.md', '# not IaC');
    write('infra/values.yaml', 'replicas: 3\n');
    write('package.json', '{"name":"x"}');
    write('node_modules/dep/template.yaml', YAML_TEMPLATE);
    write('.git/hooks/template.yaml', YAML_TEMPLATE);
    write('dist/template.yaml', YAML_TEMPLATE);
    write('cdk.out/manifest.json', '{"version":"36.0.0","artifacts":{}}');
    write('cdk.out/ApiStack.template.json', JSON_TEMPLATE);
    write('cdk.out/ApiStack.metadata.json', '{}');
    write('cdk.out/ApiStack.assets.json', '{}');
    write('cdk.out/tree.json', '{}');
    write('cdk.out/asset.abc123/template.yaml', YAML_TEMPLATE);
    write('other/manifest.json', '{}'); // no template beside it: not an assembly
    symlinkSync(join(root, 'infra'), join(root, 'infra/loop'));
    symlinkSync('api.yaml', join(root, 'infra/alias.yaml'));
    write('infra/vendor/.git', 'gitdir: ../../.git/modules/vendor\n');
    write('infra/vendor/stack.yaml', YAML_TEMPLATE);
    outside = mkdtempSync(join(tmpdir(), 'fw-walk-outside-'));
    writeFileSync(join(outside, 'stack.yaml'), YAML_TEMPLATE);
    symlinkSync(outside, join(root, 'infra/elsewhere'));
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('walks directories, keeps templates and cloud assembly files, skips the rest silently', () => {
    const { files, errors, skipped } = collectFiles(['.'], { cwd: root, maxFileBytes: 1_000_000 });
    assert.deepEqual(errors, []);
    // Silently, but listed: diff reports one where the other side has a template.
    assert.deepEqual(skipped.map((s) => [s.file, s.is]).sort(), [
      'cdk.out/ApiStack.assets.json',
      'cdk.out/tree.json',
      'infra/values.yaml',
      'other/manifest.json',
      'package.json',
    ].map((file) => [file, 'not a CloudFormation template (no AWSTemplateFormatVersion and no Resources with AWS:: types)']), 'the assembly files read beside its template are not among them');
    assert.deepEqual(files.map((f) => f.path), [
      'cdk.out/ApiStack.metadata.json',
      'cdk.out/ApiStack.template.json',
      'cdk.out/manifest.json',
      'infra/api.yaml',
      'infra/experiments/try.yaml',
      'infra/network.template',
    ]);
    assert.equal(files.find((f) => f.path === 'infra/api.yaml')?.text, YAML_TEMPLATE);
  });

  it('defaults to the current directory and survives symlink loops', () => {
    const { files } = collectFiles([], { cwd: join(root, 'infra'), maxFileBytes: 1_000_000 });
    assert.deepEqual(files.map((f) => f.path), ['api.yaml', 'experiments/try.yaml', 'network.template']);
  });

  it('does not follow symbolic links it meets while walking (as a git revision cannot), but follows a named one', () => {
    const walked = collectFiles(['infra'], { cwd: root, maxFileBytes: 1_000_000 });
    assert.ok(!walked.files.some((f) => f.path.includes('alias') || f.path.includes('elsewhere')), walked.files.map((f) => f.path).join(', '));
    const named = collectFiles(['infra/alias.yaml', 'infra/elsewhere'], { cwd: root, maxFileBytes: 1_000_000 });
    assert.deepEqual(named.files.map((f) => f.path), ['infra/alias.yaml', 'infra/elsewhere/stack.yaml']);
  });

  it('names a path reached through a link to the working directory as below it (macOS /tmp, linked home directories), as a revision reader does', () => {
    const alias = join(outside, 'alias-of-root');
    symlinkSync(root, alias);
    const result = collectFiles([join(alias, 'infra/api.yaml'), join(alias, 'cdk.out')], { cwd: root });
    assert.deepEqual(result.files.map((f) => f.path).sort(), ['cdk.out/ApiStack.metadata.json', 'cdk.out/ApiStack.template.json', 'cdk.out/manifest.json', 'infra/api.yaml']);
    assert.deepEqual(result.errors, []);
    // Only the alias of the working directory is respelled: a link below it is still a link, which
    // a reader of someone else's repository does not follow.
    const linked = collectFiles([join(alias, 'infra/alias.yaml')], { cwd: root, repository: root });
    assert.deepEqual(linked.files, []);
    assert.match(linked.errors[0]?.message ?? '', /^infra\/alias\.yaml is a symbolic link/);
  });

  it('a UTF-16 template (PowerShell `>` writes them) is an error that says to save it as UTF-8; other UTF-16 files are skipped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-utf16-'));
    try {
      writeFileSync(join(dir, 'stack.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(YAML_TEMPLATE, 'utf16le')]));
      writeFileSync(join(dir, 'data.json'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('{"a": 1}', 'utf16le').swap16()]));
      const { files, errors } = collectFiles(['.'], { cwd: dir, maxFileBytes: 1_000_000 });
      assert.deepEqual(files, []);
      assert.deepEqual(errors.map((e) => [e.file, e.line, e.message]), [['stack.yaml', 1, 'the file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8 to have it analyzed']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a Git LFS pointer where a template may be (named, or named like one) is an error that says to fetch LFS objects; other LFS files are skipped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-lfs-'));
    const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${'ab'.repeat(32)}\nsize 48213\n`;
    try {
      mkdirSync(join(dir, 'cdk.out'));
      writeFileSync(join(dir, 'cdk.out', 'Orders.template.json'), pointer);
      writeFileSync(join(dir, 'template.yaml'), pointer);
      writeFileSync(join(dir, 'fixtures.json'), pointer);
      const walked = collectFiles(['.'], { cwd: dir, maxFileBytes: 1_000_000 });
      assert.deepEqual(walked.files, []);
      const lfs = 'the file is a Git LFS pointer, not the template: fetch the LFS objects (`git lfs pull`; with actions/checkout, `lfs: true`) to have it analyzed';
      assert.deepEqual(walked.errors.map((e) => [e.file, e.line, e.message]), [['template.yaml', 1, lfs], ['cdk.out/Orders.template.json', 1, lfs]]);
      const named = collectFiles(['fixtures.json'], { cwd: dir, maxFileBytes: 1_000_000 });
      assert.deepEqual(named.errors.map((e) => [e.file, e.message]), [['fixtures.json', lfs]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not walk into a submodule (a directory with its own .git), as a revision holds only its commit', () => {
    const walked = collectFiles(['infra'], { cwd: root, maxFileBytes: 1_000_000 });
    assert.ok(!walked.files.some((f) => f.path.startsWith('infra/vendor/')));
    const named = collectFiles(['infra/vendor'], { cwd: root, maxFileBytes: 1_000_000 });
    assert.deepEqual(named.files.map((f) => f.path), ['infra/vendor/stack.yaml'], 'named, it is read');
  });

  it('stops keeping templates past the total budget, with an error for each one left out', () => {
    const { files, errors } = collectFiles(['infra'], { cwd: root, maxFileBytes: 1_000_000, maxTotalBytes: YAML_TEMPLATE.length * 2 });
    assert.deepEqual(files.map((f) => f.path), ['infra/api.yaml', 'infra/network.template']);
    assert.deepEqual(errors.map((e) => [e.file, e.line]), [['infra/experiments/try.yaml', 1]]);
    assert.match(errors[0]!.message, /^not analyzed: the templates read before it already reach the \d+ bytes one run reads; name fewer paths/);
  });

  it('applies include and exclude globs to walked files', () => {
    const { files } = collectFiles(['.'], { cwd: root, include: ['infra/**'], exclude: ['infra/experiments/**'], maxFileBytes: 1_000_000 });
    assert.deepEqual(files.map((f) => f.path), ['infra/api.yaml', 'infra/network.template']);
  });

  it('matches globs relative to their base (the config file\'s directory), reporting paths relative to cwd', () => {
    const { files } = collectFiles(['.'], { cwd: join(root, 'infra'), globBase: root, exclude: ['infra/experiments/**'], maxFileBytes: 1_000_000 });
    assert.deepEqual(files.map((f) => f.path), ['api.yaml', 'network.template']);
  });

  it('a named file that is not IaC is an input error at line 1', () => {
    write('infra/stack', YAML_TEMPLATE);
    const { files, errors } = collectFiles(['infra/README.md', 'infra/api.yaml', 'infra/values.yaml', 'infra/stack'], { cwd: root, maxFileBytes: 1_000_000 });
    assert.deepEqual(files.map((f) => f.path), ['infra/api.yaml']);
    assert.deepEqual(errors.map((e) => [e.file, e.line]), [['infra/README.md', 1], ['infra/values.yaml', 1], ['infra/stack', 1]]);
    assert.match(errors[0].message, /templates are \.json, \.yaml, \.yml or \.template files/, 'the name is what is wrong');
    assert.match(errors[1].message, /not a CloudFormation template/, 'the content is what is wrong');
    assert.match(errors[2].message, /templates are \.json, \.yaml, \.yml or \.template files/, 'a template under another name: the name, not the content');
  });

  it('a named file is scanned even when a glob excludes it', () => {
    const { files } = collectFiles(['infra/experiments/try.yaml'], { cwd: root, exclude: ['infra/experiments/**'], maxFileBytes: 1_000_000 });
    assert.deepEqual(files.map((f) => f.path), ['infra/experiments/try.yaml']);
  });

  it('a missing path is an error that names it', () => {
    const { errors } = collectFiles(['nope/x.yaml'], { cwd: root, maxFileBytes: 1_000_000 });
    assert.deepEqual(errors, [{ file: 'nope/x.yaml', line: 1, message: 'cannot read nope/x.yaml (no such file or directory)' }]);
  });

  it('a missing path spelled as a glob says where globs go (the Action and the App do not expand them)', () => {
    const { errors } = collectFiles(['infra/*.yaml'], { cwd: root, maxFileBytes: 1_000_000 });
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /^cannot read infra\/\*\.yaml \(no such file or directory\); paths are not patterns: .*`paths\.include` of the config file/);
  });

  it('oversized templates are errors that say the cap; oversized non-templates are skipped', () => {
    write('big/huge.yaml', `${YAML_TEMPLATE}${'# padding\n'.repeat(200)}`);
    write('big/package-lock.json', `{"lockfileVersion":3,"x":"${'y'.repeat(3000)}"}`);
    const { files, errors } = collectFiles(['big'], { cwd: root, maxFileBytes: 1024 });
    assert.deepEqual(files, []);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].file, 'big/huge.yaml');
    assert.equal(errors[0].line, 1);
    assert.match(errors[0].message, /over the 1 KB limit/);
  });

  it('a named oversized file is an error', () => {
    const { errors } = collectFiles(['big/huge.yaml'], { cwd: root, maxFileBytes: 1024 });
    assert.match(errors[0]?.message ?? '', /file is \d+ KB, over the 1 KB limit for one file/);
  });

  it('adds the cloud assembly files beside a named cdk.out template', () => {
    const { files } = collectFiles(['cdk.out/ApiStack.template.json'], { cwd: root, maxFileBytes: 1_000_000 });
    assert.deepEqual(files.map((f) => f.path), ['cdk.out/ApiStack.metadata.json', 'cdk.out/ApiStack.template.json', 'cdk.out/manifest.json']);
  });

  it('does not list a file twice when it is named and inside a scanned directory', () => {
    const { files } = collectFiles(['infra', 'infra/api.yaml', './infra/api.yaml'], { cwd: root, maxFileBytes: 1_000_000 });
    assert.equal(files.filter((f) => f.path === 'infra/api.yaml').length, 1);
  });

  it('reports paths relative to cwd with forward slashes, also for paths outside it', () => {
    const { files } = collectFiles([join(root, 'infra/api.yaml')], { cwd: join(root, 'cdk.out'), maxFileBytes: 1_000_000 });
    assert.deepEqual(files.map((f) => f.path), ['../infra/api.yaml']);
  });

  it('unreadable files are errors, not crashes', { skip: process.getuid?.() === 0 ? 'running as root: permissions are not enforced' : false }, () => {
    write('locked/secret.yaml', YAML_TEMPLATE);
    chmodSync(join(root, 'locked/secret.yaml'), 0o000);
    try {
      const { errors } = collectFiles(['locked/secret.yaml'], { cwd: root, maxFileBytes: 1_000_000 });
      assert.match(errors[0]?.message ?? '', /permission denied/);
    } finally {
      chmodSync(join(root, 'locked/secret.yaml'), 0o644);
    }
  });

  it('binary files named on the command line are input errors', () => {
    writeFileSync(join(root, 'blob.json'), Buffer.from([0x7b, 0x00, 0x7d]));
    const { errors } = collectFiles(['blob.json'], { cwd: root, maxFileBytes: 1_000_000 });
    assert.match(errors[0]?.message ?? '', /binary file/);
  });
});

describe('collectFiles in a cloud assembly', () => {
  it('a template the manifest lists that is missing, or no template, is an input error at its path; named alone, a template brings no such error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-walk-gap-'));
    try {
      const put = (rel: string, text: string): void => {
        mkdirSync(join(dir, rel, '..'), { recursive: true });
        writeFileSync(join(dir, rel), text);
      };
      const stack = (name: string) => ({ type: 'aws:cloudformation:stack', properties: { templateFile: `${name}.template.json` } });
      put('cdk.out/manifest.json', JSON.stringify({ version: '36.0.0', artifacts: { Api: stack('Api'), Network: stack('Network'), Data: stack('Data') } }));
      put('cdk.out/Api.template.json', JSON_TEMPLATE);
      put('cdk.out/Data.template.json', 'hello');
      const { errors } = collectFiles(['.'], { cwd: dir, maxFileBytes: 1_000_000 });
      assert.deepEqual(errors.map((e) => [e.file, e.message.slice(0, e.message.indexOf(','))]), [
        ['cdk.out/Network.template.json', 'missing'],
        ['cdk.out/Data.template.json', 'not a CloudFormation template (no AWSTemplateFormatVersion and no Resources with AWS:: types)'],
      ]);
      assert.deepEqual(collectFiles(['cdk.out/Api.template.json'], { cwd: dir, maxFileBytes: 1_000_000 }).errors, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the manifest above stage assemblies, which says which stages the app still has', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-walk-stage-'));
    try {
      const put = (rel: string, text: string): void => {
        mkdirSync(join(dir, rel, '..'), { recursive: true });
        writeFileSync(join(dir, rel), text);
      };
      put('cdk.out/manifest.json', '{"version":"36.0.0","artifacts":{}}');
      put('cdk.out/tree.json', '{}');
      put('cdk.out/assembly-Prod/manifest.json', '{"version":"36.0.0","artifacts":{}}');
      put('cdk.out/assembly-Prod/ProdApi.template.json', JSON_TEMPLATE);
      const { files } = collectFiles(['.'], { cwd: dir, maxFileBytes: 1_000_000 });
      assert.deepEqual(files.map((f) => f.path), ['cdk.out/assembly-Prod/ProdApi.template.json', 'cdk.out/assembly-Prod/manifest.json', 'cdk.out/manifest.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('skips the file assets cdk synth copies into it (asset.<hash>.json), as it skips asset directories, but not asset-named files elsewhere', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-walk-asset-'));
    try {
      const put = (rel: string, text: string): void => {
        mkdirSync(join(dir, rel, '..'), { recursive: true });
        writeFileSync(join(dir, rel), text);
      };
      put('cdk.out/manifest.json', '{"version":"36.0.0","artifacts":{}}');
      put('cdk.out/Api.template.json', JSON_TEMPLATE);
      put('cdk.out/asset.5f2c1e0a.json', JSON_TEMPLATE);
      put('infra/asset.shared.yaml', YAML_TEMPLATE);
      const { files, errors, skipped } = collectFiles(['.'], { cwd: dir, maxFileBytes: 1_000_000 });
      assert.deepEqual(errors, []);
      assert.deepEqual(files.map((f) => f.path), ['cdk.out/Api.template.json', 'cdk.out/manifest.json', 'infra/asset.shared.yaml']);
      assert.deepEqual(skipped, [], 'not listed as skipped either: an asset is no template turned into something else');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
