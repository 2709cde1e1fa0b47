import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleKey } from '../../../../src/shared/fixes/builders/network.ts';
import { getAtt, ref, type CfnValue } from '../../../../src/shared/fixes/value.ts';

describe('ruleKey (FW202/FW203 fixes: is this rule already there?)', () => {
  const rule = (IpProtocol: CfnValue, extra: Record<string, CfnValue> = {}): CfnValue => ({ IpProtocol, FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16', ...extra });
  it('names a written protocol by its name, so a number and a name are one rule; descriptions and GroupId do not count', () => {
    assert.equal(ruleKey(rule('6')), ruleKey(rule('tcp', { Description: 'x', GroupId: ref('Sg') })));
    assert.equal(ruleKey(rule(-1)), ruleKey({ IpProtocol: 'all', CidrIp: '10.0.0.0/16' }));
  });
  it('keeps a protocol from an intrinsic as written: two different parameters are two rules', () => {
    assert.notEqual(ruleKey(rule(ref('ProtocolA'))), ruleKey(rule(ref('ProtocolB'))));
    assert.equal(ruleKey(rule(ref('ProtocolA'))), ruleKey(rule(ref('ProtocolA'))));
  });
  it('is the same for a group peer written !Ref Sg and !GetAtt Sg.GroupId', () => {
    const peer = (id: CfnValue): CfnValue => ({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, DestinationSecurityGroupId: id });
    assert.equal(ruleKey(peer(ref('Sg'))), ruleKey(peer(getAtt('Sg', 'GroupId'))));
  });
});
