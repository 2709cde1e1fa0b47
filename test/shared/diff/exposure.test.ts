import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { internetPathChanges, waysIn } from '../../../src/shared/diff/exposure.ts';
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
    assert.deepEqual(change([['Public', true], ['Corp', false]], [['Public', true], ['Corp', true]]), { opened: ['Corp'], openedCount: 1, closed: [], closedCount: 0, undecided: [] });
    assert.deepEqual(change([['Public', true], ['Corp', true]], [['Public', true], ['Corp', false]]), { opened: [], openedCount: 0, closed: ['Corp'], closedCount: 1, undecided: [] });
    assert.deepEqual(change([['Public', true], ['Corp', true]], [['Public', true], ['Corp', 'unknown']]), { opened: [], openedCount: 0, closed: [], closedCount: 0, undecided: ['Corp'] });
  });

  it('nothing when the exposure flag changes (it says so itself) or the service is not reachable on one side', () => {
    assert.deepEqual(change([['Corp', false]], [['Corp', true]], [false, true]), { opened: [], openedCount: 0, closed: [], closedCount: 0, undecided: [] });
    assert.deepEqual(change([['Corp', true]], [['Corp', false]], [true, 'unknown']), { opened: [], openedCount: 0, closed: [], closedCount: 0, undecided: [] });
  });

  it('one open load balancer renamed (one leaves, one of its type arrives) is no change', () => {
    assert.deepEqual(change([['Public', true]], [['WebLb', true]]), { opened: [], openedCount: 0, closed: [], closedCount: 0, undecided: [] });
  });

  it('arrivals beyond the departures of their type are new ways in, and the reverse', () => {
    assert.deepEqual(change([['Public', true], ['Other', true]], [['Public', true], ['Partner', true, 'network'], ['Extra', true]]), { opened: ['Partner'], openedCount: 1, closed: [], closedCount: 0, undecided: [] });
    assert.deepEqual(change([['Public', true], ['Other', true]], [['Public', true], ['Partner', true, 'network']]), { opened: ['Partner'], openedCount: 1, closed: ['Other'], closedCount: 1, undecided: [] });
    assert.deepEqual(change([['Public', true], ['A', true], ['B', true]], [['Public', true], ['C', true]]), { opened: [], openedCount: 0, closed: ['A', 'B'], closedCount: 1, undecided: [] });
    assert.deepEqual(change([['Public', true], ['A', true]], [['Public', true], ['B', true], ['C', true], ['D', true]]), { opened: ['B', 'C', 'D'], openedCount: 2, closed: [], closedCount: 0, undecided: [] });
    assert.deepEqual(change([['Public', true]], [['Public', true], ['A', true], ['B', false]]), { opened: ['A'], openedCount: 1, closed: [], closedCount: 0, undecided: [] });
  });

  it('names the ways in, saying how many of them are new when not each is', () => {
    const name = (l: string): string => `\`${l}\``;
    assert.equal(waysIn(['A', 'B'], 2, name), 'load balancer `A`, load balancer `B`');
    assert.equal(waysIn(['A', 'B'], 1, name), 'one of load balancer `A`, load balancer `B`');
    assert.equal(waysIn(['A', 'B', 'C'], 2, name), '2 of load balancer `A`, load balancer `B`, load balancer `C`');
  });

  it('the direct way in (public IP in a subnet routed to an internet gateway, a rule admitting the world) opened beside a load balancer', () => {
    const path = (world: boolean, publicIp = true): NetworkPath => ({
      ingress: [{ kind: 'load-balancer', label: 'Alb', internetFacing: true, internet: true, balancerType: 'application' }, ...(world ? [{ kind: 'internet', label: 'internet' }] : [])],
      publicIp,
      egress: publicIp ? 'igw' : 'none',
      needs: [],
    });
    const exposure = { publicIp: true, internetIngress: true as const, defaultRoute: 'igw' as const };
    const direct = (before: NetworkPath, after: NetworkPath) => internetPathChanges({ exposure: { before: exposure, after: exposure }, network: { before, after } }).direct;
    assert.equal(direct(path(false), path(true)), 'opened');
    assert.equal(direct(path(true), path(false)), 'closed');
    assert.equal(direct(path(true), path(true)), undefined);
    assert.equal(direct(path(false, false), path(true, false)), undefined, 'a world rule without a public IP is no direct way in');
  });
});
