import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { InputError, parseCdkOut, readInputs } from '../../action/inputs.ts';

const from = (inputs: Record<string, string>) => (name: string): string => inputs[name] ?? '';

describe('readInputs', () => {
  it('applies the documented defaults', () => {
    assert.deepEqual(readInputs(from({ 'github-token': 't' })), { paths: [], comment: 'update', deleteIfUnchanged: false, suggestions: true, token: 't' });
  });

  it('reads every input', () => {
    const inputs = readInputs(from({
      'github-token': 't',
      paths: 'infra\nstacks, more',
      config: 'ci/warden.yml',
      'fail-on': 'HIGH',
      comment: 'new',
      'delete-if-unchanged': 'true',
      suggestions: 'false',
      'sarif-file': 'out.sarif',
      'cdk-out': 'base=cdk.out.base\nhead=cdk.out',
    }));
    assert.deepEqual(inputs, {
      paths: ['infra', 'stacks', 'more'],
      config: 'ci/warden.yml',
      failOn: 'high',
      comment: 'new',
      deleteIfUnchanged: true,
      suggestions: false,
      sarifFile: 'out.sarif',
      token: 't',
      cdkOut: { base: 'cdk.out.base', head: 'cdk.out' },
    });
  });

  it('names each bad input and what it accepts', () => {
    assert.throws(() => readInputs(from({ 'github-token': '', suggestions: 'yes' })), (e: Error) => {
      assert.ok(e instanceof InputError);
      assert.match(e.message, /suggestions must be true or false \(got "yes"\)/);
      assert.match(e.message, /github-token is empty/);
      return true;
    });
  });
});

describe('parseCdkOut', () => {
  it('accepts base= and head= in either order', () => {
    assert.deepEqual(parseCdkOut('head=cdk.out, base=cdk.out.base'), { base: 'cdk.out.base', head: 'cdk.out' });
  });
  it('rejects anything else with the expected format', () => {
    assert.match(parseCdkOut('cdk.out') as string, /base=<dir>,head=<dir>/);
    assert.match(parseCdkOut('base=a') as string, /needs both/);
    assert.match(parseCdkOut('base=a,base=b') as string, /names base twice/);
  });
});
