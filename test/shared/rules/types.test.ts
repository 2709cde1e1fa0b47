import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Rule } from '../../../src/shared/rules/types.ts';
import { toFinding } from '../../../src/shared/rules/types.ts';
import { entity } from '../../support/model.ts';

const rule: Rule = {
  meta: {
    id: 'FW999', severity: 'high', area: 'network', title: 't', description: 'd', fixable: false,
    messages: { keyed: 'Group {{group}} is open{{when}}: close {{group}}.', plain: 'Group {{group}} is open.' },
  },
  check() {},
};
const sg = entity('TaskSg', 4);

describe('toFinding: a report under some outcomes of an undecided choice', () => {
  it('says them in the message\'s {{when}} and keeps them, with the text around the clause, as the finding\'s outcome', () => {
    const f = toFinding(rule, { messageId: 'keyed', data: { group: 'TaskSg' }, entity: sg, when: [{ condition: 'Env', value: 'dev' }] });
    assert.equal(f.message, 'Group TaskSg is open when Env is dev: close TaskSg.');
    assert.deepEqual(f.outcome, { when: [{ condition: 'Env', value: 'dev' }], before: 'Group TaskSg is open', after: ': close TaskSg.' });
  });

  it('several keys of one parameter, or a condition\'s outcome, as reports word them', () => {
    const keys = toFinding(rule, { messageId: 'keyed', data: { group: 'G' }, entity: sg, when: [{ condition: 'Env', value: 'dev' }, { condition: 'Env', value: 'qa' }] });
    assert.equal(keys.message, 'Group G is open when Env is dev or qa: close G.');
    const condition = toFinding(rule, { messageId: 'keyed', data: { group: 'G' }, entity: sg, when: [{ condition: 'IsProd', value: false }] });
    assert.equal(condition.message, 'Group G is open when Condition IsProd is false: close G.');
    for (const f of [keys, condition]) assert.deepEqual([f.outcome?.before, f.outcome?.after], ['Group G is open', ': close G.']);
  });

  it('a value that holds the placeholder is not filled in again', () => {
    const f = toFinding(rule, { messageId: 'keyed', data: { group: '{{when}}' }, entity: sg, when: [{ condition: 'Env', value: '{{group}}' }] });
    assert.equal(f.message, 'Group {{when}} is open when Env is {{group}}: close {{when}}.');
    assert.deepEqual([f.outcome?.before, f.outcome?.after], ['Group {{when}} is open', ': close {{when}}.']);
  });

  it('without outcomes the clause is empty and the finding carries none', () => {
    for (const when of [undefined, []]) {
      const f = toFinding(rule, { messageId: 'keyed', data: { group: 'G' }, entity: sg, when });
      assert.equal(f.message, 'Group G is open: close G.');
      assert.equal('outcome' in f, false);
    }
  });

  it('outcomes for a message with nowhere to say them are a rule\'s mistake', () => {
    assert.throws(() => toFinding(rule, { messageId: 'plain', data: { group: 'G' }, entity: sg, when: [{ condition: 'Env', value: 'dev' }] }), /FW999: message plain must say its outcome in one \{\{when\}\}/);
  });
});
