import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { findPackageRoot, packageRoot } from '../../../src/shared/io/package-root.ts';

describe('packageRoot', () => {
  it('finds the repository root from src/ under tsx', () => {
    assert.equal(packageRoot(), resolve(import.meta.dirname, '../../..'));
  });

  it('walks past package.json files of other packages (a bundle under lib/ or a nested action)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-root-'));
    try {
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'fargate-warden' }));
      mkdirSync(join(dir, 'action', 'dist'), { recursive: true });
      writeFileSync(join(dir, 'action', 'package.json'), JSON.stringify({ name: 'something-else' }));
      writeFileSync(join(dir, 'action', 'dist', 'package.json'), '{ not json');
      assert.equal(findPackageRoot(join(dir, 'action', 'dist')), dir);
      mkdirSync(join(dir, 'lib'));
      assert.equal(findPackageRoot(join(dir, 'lib')), dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('returns undefined when no such package is above', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-root-'));
    try {
      assert.equal(findPackageRoot(dir, 'no-such-package-name-fw'), undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
