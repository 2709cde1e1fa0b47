import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allRules } from '../../../src/shared/rules/index.ts';

test('each rule page states whether `fargate-warden fix` fixes it, as the rule\'s metadata does', () => {
  for (const { meta } of allRules) {
    const doc = readFileSync(fileURLToPath(new URL(`../../../docs/rules/${meta.id}.md`, import.meta.url)), 'utf8');
    const header = /\*\*Automatic fix:\*\* (yes|no)\b/.exec(doc);
    assert.ok(header, `${meta.id}.md has an "Automatic fix:" line`);
    assert.equal(header[1], meta.fixable ? 'yes' : 'no', `${meta.id}.md says "Automatic fix: ${header[1]}"`);
    assert.equal(doc.includes(`fargate-warden fix --rule ${meta.id}`), meta.fixable, `${meta.id}.md describes its automatic fix iff it has one`);
  }
});
