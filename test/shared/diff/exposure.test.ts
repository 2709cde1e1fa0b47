import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { internetPathChanges } from '../../../src/shared/diff/exposure.ts';
import type { NetworkPath } from '../../../src/shared/diff/types.ts';

type Lb = [label: string, internet: boolean | 'unknown', type?: string];

function change(before: Lb[], after: Lb[], reachable: [boolean | 'unknown', boolean | 'unknown'] = [true, true]): ReturnType<typeof internetPathChanges> {
  const path = (lbs: Lb[]): NetworkPath => ({
    ingress: lbs.map(([label, internet, type]) => ({ kind: 'load-balancer', label, internetFacing: true, internet, balancerType: type ?? 'application' })),
    publicIp: false,
    egress: 'nat',
    needs: [],
  });
  const exposure = (internetIngress: boolean | 'unknown') => ({ publicIp: false, internetIngress, defaultRoute: 'nat' as const });
  return internetPathChanges({ exposure: { before: exposure(reachable[0]), after: exposure(reachable[1]) }, network: { before: path(before), after: path(after) } });
}

describe('internetPathChanges', () => {
  it('a load balancer in front on both sides that the internet now (no longer) reaches the service through', () => {
    assert.deepEqual(change([['Public', true], ['Corp', false]], [['Public', true], ['Corp', true]]), { opened: ['Corp'], closed: [], undecided: [] });
    assert.deepEqual(change([['Public', true], ['Corp', true]], [['Public', true], ['Corp', false]]), { opened: [], closed: ['Corp'], undecided: [] });
    assert.deepEqual(change([['Public', true], ['Corp', true]], [['Public', true], ['Corp', 'unknown']]), { opened: [], closed: [], undecided: ['Corp'] });
  });

  it('nothing when the exposure flag changes (it says so itself) or the service is not reachable on one side', () => {
    assert.deepEqual(change([['Corp', false]], [['Corp', true]], [false, true]), { opened: [], closed: [], undecided: [] });
    assert.deepEqual(change([['Corp', true]], [['Corp', false]], [true, 'unknown']), { opened: [], closed: [], undecided: [] });
  });

  it('one open load balancer renamed (one leaves, one of its type arrives) is no change', () => {
    assert.deepEqual(change([['Public', true]], [['WebLb', true]]), { opened: [], closed: [], undecided: [] });
  });

  it('arrivals beyond the departures of their type are new ways in, and the reverse', () => {
    assert.deepEqual(change([['Public', true], ['Other', true]], [['Public', true], ['Partner', true, 'network'], ['Extra', true]]), { opened: ['Partner'], closed: [], undecided: [] });
    assert.deepEqual(change([['Public', true], ['Other', true]], [['Public', true], ['Partner', true, 'network']]), { opened: ['Partner'], closed: ['Other'], undecided: [] });
    assert.deepEqual(change([['Public', true], ['A', true], ['B', true]], [['Public', true], ['C', true]]), { opened: [], closed: ['A', 'B'], undecided: [] });
    assert.deepEqual(change([['Public', true]], [['Public', true], ['A', true], ['B', false]]), { opened: ['A'], closed: [], undecided: [] });
  });
});
