import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { globMatch, globMatcher } from '../../../src/shared/config/glob.ts';

describe('globMatch', () => {
  const cases: [pattern: string, path: string, expected: boolean][] = [
    ['infra/**', 'infra/app.yaml', true],
    ['infra/**', 'infra/nested/deep/app.yaml', true],
    ['infra/**', 'infra', true], // the directory itself, so the walker can prune it
    ['infra/**', 'infrastructure/app.yaml', false],
    ['infra/**', 'other/infra/app.yaml', false],
    ['infra/*.yaml', 'infra/app.yaml', true],
    ['infra/*.yaml', 'infra/nested/app.yaml', false],
    ['**/*.yaml', 'app.yaml', true],
    ['**/*.yaml', 'a/b/c/app.yaml', true],
    ['**/*.yaml', 'a/b/c/app.yml', false],
    ['a/**/b.json', 'a/b.json', true],
    ['a/**/b.json', 'a/x/y/b.json', true],
    ['a/**/b.json', 'ab.json', false],
    ['*.template.json', 'cdk.out/Stack.template.json', true], // no slash: any depth
    ['*.template.json', 'Stack.template.json', true],
    ['experiments', 'infra/experiments', true],
    ['experiments', 'infra/experiments-old', false],
    ['/infra/*.yaml', 'infra/a.yaml', true], // leading slash anchors at the root
    ['./infra/*.yaml', './infra/a.yaml', true],
    ['stack?.yaml', 'stack1.yaml', true],
    ['stack?.yaml', 'stack12.yaml', false],
    ['stack?.yaml', 'stack/.yaml', false],
    ['a*b', 'a/b', false], // `*` never crosses a slash
    ['a**b', 'axyb', true],
    ['file.(1).json', 'file.(1).json', true], // regex metacharacters are literal
    ['file.(1).json', 'fileX(1)Xjson', false],
    ['[abc].yaml', '[abc].yaml', true],
    ['**', 'anything/at/all.json', true],
    ['infra/', 'x/infra', true], // as in .gitignore, a trailing slash alone does not anchor
    ['a/**/**/b', 'a/b', true],
  ];
  for (const [pattern, path, expected] of cases) {
    it(`${pattern} ${expected ? 'matches' : 'does not match'} ${path}`, () => {
      assert.equal(globMatch(pattern, path), expected);
    });
  }

  it('matches backslash paths as forward slashes', () => {
    assert.equal(globMatch('infra/**', 'infra\\a.yaml'), true);
  });

  it('an empty pattern list matches nothing; any match wins', () => {
    assert.equal(globMatcher([])('a.yaml'), false);
    assert.equal(globMatcher(['x/**', '*.yaml'])('a/b.yaml'), true);
  });
});
