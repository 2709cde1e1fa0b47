import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cidrContains, cidrOverlaps, cidrsCoverWorld, cidrUsableIps, isWorldCidr, parseCidr } from '../../../src/shared/analysis/cidr.ts';

describe('parseCidr', () => {
  const cases: [string, { version: 4 | 6; prefix: number } | undefined][] = [
    ['10.0.0.0/16', { version: 4, prefix: 16 }],
    ['10.0.1.7/24', { version: 4, prefix: 24 }],
    ['192.168.1.1', { version: 4, prefix: 32 }],
    ['0.0.0.0/0', { version: 4, prefix: 0 }],
    ['::/0', { version: 6, prefix: 0 }],
    ['2001:db8::/32', { version: 6, prefix: 32 }],
    ['::ffff:10.0.0.1/128', { version: 6, prefix: 128 }],
    ['10.0.0.0/33', undefined],
    ['10.0.256.0/24', undefined],
    ['${VpcCidr}', undefined],
    ['10.0.0/24', undefined],
    ['2001:db8::1::2/64', undefined],
    ['', undefined],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${expected === undefined ? 'undefined' : `v${expected.version}/${expected.prefix}`}`, () => {
      const parsed = parseCidr(text);
      if (expected === undefined) assert.equal(parsed, undefined);
      else assert.deepEqual({ version: parsed?.version, prefix: parsed?.prefix }, expected);
    });
  }

  it('clears host bits', () => {
    assert.deepEqual(parseCidr('10.0.1.7/24'), parseCidr('10.0.1.0/24'));
  });
});

describe('cidrContains / cidrOverlaps', () => {
  const cases: [string, string, boolean, boolean][] = [
    // outer, inner, contains, overlaps
    ['10.0.0.0/16', '10.0.10.0/24', true, true],
    ['10.0.10.0/24', '10.0.0.0/16', false, true],
    ['10.0.0.0/24', '10.0.1.0/24', false, false],
    ['0.0.0.0/0', '203.0.113.5/32', true, true],
    ['10.0.0.0/16', '10.0.0.0/16', true, true],
    ['0.0.0.0/0', '::/0', false, false],
    ['::/0', '2001:db8::/32', true, true],
    ['2001:db8::/32', '2001:db9::/32', false, false],
    ['not-a-cidr', '10.0.0.0/24', false, false],
  ];
  for (const [outer, inner, contains, overlaps] of cases) {
    it(`${outer} ⊇ ${inner}: ${contains}; overlap: ${overlaps}`, () => {
      assert.equal(cidrContains(outer, inner), contains);
      assert.equal(cidrOverlaps(outer, inner), overlaps);
    });
  }
});

describe('cidrUsableIps', () => {
  const cases: [string, number | undefined][] = [
    ['10.0.0.0/24', 251],
    ['10.0.0.0/22', 1019],
    ['10.0.0.0/28', 11],
    ['10.0.0.0/16', 65531],
    ['10.0.0.0/30', 0],
    ['2001:db8::/120', 251],
    ['${Cidr}', undefined],
  ];
  for (const [cidr, usable] of cases) {
    it(`${cidr} → ${usable}`, () => assert.equal(cidrUsableIps(cidr), usable));
  }
});

describe('isWorldCidr', () => {
  for (const [cidr, world] of [['0.0.0.0/0', true], ['::/0', true], ['0::0/0', true], ['10.0.0.0/8', false], ['0.0.0.0/1', false]] as const) {
    it(`${cidr} → ${world}`, () => assert.equal(isWorldCidr(cidr), world));
  }
});

describe('cidrsCoverWorld', () => {
  const cases: [string[], 4 | 6, boolean][] = [
    [['0.0.0.0/0'], 4, true],
    [['0.0.0.0/1', '128.0.0.0/1'], 4, true],
    [['128.0.0.0/1', '0.0.0.0/2', '64.0.0.0/2'], 4, true],
    [['0.0.0.0/1', '0.0.0.0/1', '128.0.0.0/2', '192.0.0.0/2'], 4, true],
    [['0.0.0.0/1'], 4, false],
    [['0.0.0.0/1', '128.0.0.0/2'], 4, false],
    [['0.0.0.0/1', '${Cidr}', '192.0.0.0/2'], 4, false],
    [['::/1', '8000::/1'], 6, true],
    [['::/1', '8000::/1'], 4, false],
    [['0.0.0.0/1', '128.0.0.0/1'], 6, false],
    [[], 4, false],
  ];
  for (const [cidrs, version, world] of cases) {
    it(`${cidrs.join(' + ') || 'nothing'} (IPv${version}) → ${world}`, () => assert.equal(cidrsCoverWorld(cidrs, version), world));
  }
});
