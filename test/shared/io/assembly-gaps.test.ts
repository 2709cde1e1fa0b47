import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assemblyGaps } from '../../../src/shared/io/assembly-gaps.ts';
import { templatesGone } from '../../../src/shared/io/templates-gone.ts';

const manifest = JSON.stringify({
  version: '36.0.0',
  artifacts: {
    Network: { type: 'aws:cloudformation:stack', properties: { templateFile: 'Network.template.json' } },
    App: { type: 'aws:cloudformation:stack', properties: { templateFile: 'App.template.json' } },
  },
});
const app = JSON.stringify({
  Resources: { Workers: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'x' }, Metadata: { 'aws:asset:path': 'AppWorkers1A2B.nested.template.json' } } },
});
const files = [
  { path: 'cdk.out/manifest.json', text: manifest },
  { path: 'cdk.out/App.template.json', text: app },
];

describe('assemblyGaps', () => {
  it('a template the manifest lists, or a parent names as a nested stack, that is not there is an input error at its path', () => {
    const errors = assemblyGaps(files, [], () => true, () => false);
    assert.deepEqual(errors.map((e) => [e.file, e.line]), [['cdk.out/Network.template.json', 1], ['cdk.out/AppWorkers1A2B.nested.template.json', 1]]);
    assert.match(errors[0]!.message, /^missing, but cdk\.out\/manifest\.json lists it as the template of stack Network: .*not compared rather than removed/);
    assert.match(errors[1]!.message, /names it as a nested stack's template \(aws:asset:path\)/);
  });

  it('one that is there but no template any more says what it is', () => {
    const errors = assemblyGaps(files, [{ file: 'cdk.out/Network.template.json', is: 'not a CloudFormation template' }], () => true, (p) => p === 'cdk.out/Network.template.json' || p.endsWith('.nested.template.json'));
    assert.deepEqual(errors.map((e) => e.file), ['cdk.out/Network.template.json']);
    assert.match(errors[0]!.message, /^not a CloudFormation template, but cdk\.out\/manifest\.json lists it/);
  });

  it('nothing for a file that exists but was not read (excluded), nor for a manifest brought by a template named alone', () => {
    assert.deepEqual(assemblyGaps(files, [], () => true, () => true), []);
    assert.deepEqual(assemblyGaps(files, [], () => false, () => false), []);
  });

  it('templatesGone does not say it again for a file the reader reported already', () => {
    const skipped = [{ file: 'cdk.out/Network.template.json', is: 'not a CloudFormation template' }];
    const other = { label: 'base', files: [{ path: 'cdk.out/Network.template.json', text: '{}' }] };
    assert.equal(templatesGone({}, skipped, other, 'base').length, 1);
    assert.deepEqual(templatesGone({ errors: assemblyGaps(files, skipped, () => true, () => true) }, skipped, other, 'base'), []);
  });
});
