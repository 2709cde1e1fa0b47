import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InfraIndex } from '../../../src/shared/analysis/infra-index.ts';
import type { EgressDestination, IngressOrigin, Tri } from '../../../src/shared/analysis/security-group-match.ts';
import {
  defaultSecurityGroup, defaultSecurityGroupId, egressAllows, egressLeavesEni, formatPorts, formatProtocol, ingressAdmitsWorld, ingressAllows, outermost,
  splitWorldRules, worldInPieces,
} from '../../../src/shared/analysis/security-group-match.ts';
import type { Infra, SecurityGroupRule } from '../../../src/shared/model/index.ts';
import { entity, infra, src } from '../../support/model.ts';
import { compose, egress, endpoint, id, ingress, securityGroup } from '../../support/network.ts';

const world: EgressDestination = { kind: 'internet' };
const s3: EgressDestination = { kind: 'prefixList', service: 's3' };

function withPrefixLists(): Infra {
  const base = compose({ vpcEndpoints: [endpoint('S3Gateway', 's3'), endpoint('DdbGateway', 'dynamodb')] });
  base.resources.push({ ...entity('CorpPrefixList'), type: 'AWS::EC2::PrefixList' });
  return base;
}

describe('egressAllows', () => {
  const index = new InfraIndex(withPrefixLists());
  const cases: [string, SecurityGroupRule[], number, EgressDestination, Tri][] = [
    ['all traffic to 0.0.0.0/0 → internet', [egress('0.0.0.0/0', 'all')], 443, world, true],
    ['tcp 443 to 0.0.0.0/0 → internet', [egress('0.0.0.0/0', 443)], 443, world, true],
    ['tcp 80 only → not 443', [egress('0.0.0.0/0', 80)], 443, world, false],
    ['port range covering 443', [egress('0.0.0.0/0', [0, 1024])], 443, world, true],
    ['udp 443 is not tcp', [egress('0.0.0.0/0', 443, 'udp')], 443, world, false],
    ['protocol -1 ignores ports', [{ ...egress('0.0.0.0/0', 80), protocol: '-1' }], 443, world, true],
    ['protocol number 6 is tcp', [egress('0.0.0.0/0', 443, '6')], 443, world, true],
    ['unknown ports', [{ ...egress('0.0.0.0/0', 443), portsKnown: false }], 443, world, 'unknown'],
    ['::/0 alone does not reach IPv4 AWS endpoints', [egress('::/0', 'all')], 443, world, false],
    ['VPC CIDR is not the internet', [egress('10.0.0.0/16', 443)], 443, world, false],
    ['unknown peer', [egress('?', 443)], 443, world, 'unknown'],
    ['no rules', [], 443, world, false],
    ['CIDR containing the destination', [egress('10.0.0.0/16', 443)], 443, { kind: 'cidr', cidr: '10.0.10.0/24' }, true],
    ['CIDR not containing it', [egress('10.0.10.0/24', 443)], 443, { kind: 'cidr', cidr: '10.0.11.0/24' }, false],
    ['CIDR only partly containing it', [egress('10.0.10.0/25', 443)], 443, { kind: 'cidr', cidr: '10.0.10.0/24' }, false],
    ['unparsable CIDR', [egress({ kind: 'cidr4', cidr: '${Cidr}' }, 443)], 443, { kind: 'cidr', cidr: '10.0.10.0/24' }, 'unknown'],
    ['SG peer matches SG destination', [egress('EndpointSg', 443)], 443, { kind: 'sg', ids: [id('EndpointSg')] }, true],
    ['external SG peer matches by value', [egress('sg-0abc', 443)], 443, { kind: 'sg', ids: ['sg-0abc'] }, true],
    ['other SG peer', [egress('DbSg', 443)], 443, { kind: 'sg', ids: [id('EndpointSg')] }, false],
    ['world CIDR covers an SG destination', [egress('0.0.0.0/0', 443)], 443, { kind: 'sg', ids: [id('EndpointSg')] }, true],
    ['::/0 alone does not reach an interface endpoint (IPv4 unless made dual-stack)', [egress('::/0', 443)], 443, { kind: 'sg', ids: [id('EndpointSg')] }, false],
    ['0.0.0.0/0 covers the S3 prefix list', [egress('0.0.0.0/0', 443)], 443, s3, true],
    ['a private CIDR does not', [egress('10.0.0.0/8', 443)], 443, s3, false],
    ['prefix list by AWS name', [egress({ kind: 'prefixList', prefixList: { kind: 'external', value: 'com.amazonaws.us-east-1.s3', source: src() } }, 443)], 443, s3, true],
    ['prefix list id from a known list', [egress('pl-63a5400a', 443)], 443, { kind: 'prefixList', service: 's3', ids: ['pl-63a5400a'] }, true],
    ['unresolved pl- id', [egress('pl-63a5400a', 443)], 443, s3, 'unknown'],
    ['import named after S3', [egress({ kind: 'prefixList', prefixList: { kind: 'unknown', reason: 'Fn::ImportValue Network-S3PrefixListId', source: src() } }, 443)], 443, s3, true],
    ["the template's own customer prefix list", [egress('CorpPrefixList', 443)], 443, s3, false],
    ['gateway endpoint reference (Terraform prefix_list_id)', [egress({ kind: 'prefixList', prefixList: { kind: 'resource', id: id('S3Gateway'), source: src() } }, 443)], 443, s3, true],
    ['the DynamoDB gateway is not the S3 list', [egress({ kind: 'prefixList', prefixList: { kind: 'resource', id: id('DdbGateway'), source: src() } }, 443)], 443, s3, false],
    ['prefix list rule never reaches the internet at large', [egress('pl-63a5400a', 443)], 443, world, false],
    ['one true rule among unknown ones wins', [egress('?', 443), egress('0.0.0.0/0', 443)], 443, world, true],
    ['0.0.0.0/1 + 128.0.0.0/1 is the internet', [egress('0.0.0.0/1', 443), egress('128.0.0.0/1', 443)], 443, world, true],
    ['all traffic in halves', [egress('0.0.0.0/1', 'all'), egress('128.0.0.0/1', 'all')], 443, world, true],
    ['one half only', [egress('0.0.0.0/1', 443)], 443, world, false],
    ['halves on different ports', [egress('0.0.0.0/1', 443), egress('128.0.0.0/1', 80)], 443, world, false],
    ['IPv6 halves do not reach IPv4 AWS endpoints', [egress('::/1', 443), egress('8000::/1', 443)], 443, world, false],
    ['halves cover an SG destination', [egress('0.0.0.0/1', 443), egress('128.0.0.0/1', 443)], 443, { kind: 'sg', ids: [id('EndpointSg')] }, true],
    ['halves cover the S3 prefix list', [egress('0.0.0.0/1', 443), egress('128.0.0.0/1', 443)], 443, s3, true],
    ['two /25s contain a /24', [egress('10.0.10.0/25', 443), egress('10.0.10.128/25', 443)], 443, { kind: 'cidr', cidr: '10.0.10.0/24' }, true],
  ];
  for (const [name, rules, port, dest, expected] of cases) {
    it(`${name} → ${expected}`, () => {
      assert.equal(egressAllows([securityGroup('TaskSg', rules)], port, dest, index), expected);
    });
  }

  it('implicit allow-all egress applies when no egress rule is present', () => {
    const group = securityGroup('TaskSg', [ingress('LbSg', 8080)], { implicitEgress: true });
    assert.equal(egressAllows([group], 443, world, index), true);
  });

  it('any of several groups may allow', () => {
    const a = securityGroup('A', [egress('10.0.0.0/8', 5432)]);
    const b = securityGroup('B', [egress('0.0.0.0/0', 443)]);
    assert.equal(egressAllows([a, b], 443, world, index), true);
  });
});

describe('egressLeavesEni: whether TCP 443 may leave the task for any destination at all', () => {
  const cases: [string, SecurityGroupRule[], Tri][] = [
    ["CloudFormation's no-egress idiom: all traffic to 127.0.0.1/32", [egress('127.0.0.1/32', 'all', '-1')], false],
    ['anywhere in 127.0.0.0/8, and IPv6 ::1', [egress('127.0.0.0/8', 443), egress('::1/128', 'all')], false],
    ['no egress rules', [], false],
    ['egress on other ports only', [egress('0.0.0.0/0', 5432), egress('10.0.0.0/16', [8000, 8100])], false],
    ["CDK's disallow-all idiom: ICMP to 255.255.255.255/32", [egress('255.255.255.255/32', [252, 86], 'icmp')], false],
    ['UDP 443 is not HTTPS', [egress('0.0.0.0/0', 443, 'udp')], false],
    ['0.0.0.0/0 on 443', [egress('0.0.0.0/0', 443)], true],
    ['::/0 on 443 (an IPv6 path may exist)', [egress('::/0', 443)], true],
    ['a private CIDR may hold endpoint ENIs', [egress('10.0.0.0/16', 443)], true],
    ['a public CIDR may hold AWS addresses', [egress('52.94.0.0/16', 443)], true],
    ['a group may be an endpoint group', [egress('EndpointSg', 443)], true],
    ['a prefix list may be the S3 list', [egress('pl-63a5400a', 443)], true],
    ['loopback and a real destination', [egress('127.0.0.1/32', 'all', '-1'), egress('0.0.0.0/0', 443)], true],
    ['unknown peer', [egress('?', 443)], 'unknown'],
    ['unparsable CIDR', [egress({ kind: 'cidr4', cidr: '${EgressCidr}' }, 443)], 'unknown'],
    ['unknown ports', [{ ...egress('0.0.0.0/0', 443), portsKnown: false }], 'unknown'],
    ['unknown ports to loopback still lead nowhere', [{ ...egress('127.0.0.1/32', 443), portsKnown: false }], false],
  ];
  for (const [name, rules, expected] of cases) {
    it(`${name} → ${expected}`, () => assert.equal(egressLeavesEni([securityGroup('TaskSg', rules)], 443), expected));
  }

  it("CloudFormation's implicit allow-all egress leaves", () => {
    assert.equal(egressLeavesEni([securityGroup('TaskSg', [ingress('LbSg', 8080)], { implicitEgress: true })], 443), true);
  });

  it('the VPC default group leaves', () => {
    assert.equal(egressLeavesEni([defaultSecurityGroup(id('Vpc'), src())], 443), true);
  });

  it('any of several groups may let it out', () => {
    const closed = securityGroup('A', [egress('127.0.0.1/32', 'all', '-1')]);
    assert.equal(egressLeavesEni([closed, securityGroup('B', [egress('EndpointSg', 443)])], 443), true);
    assert.equal(egressLeavesEni([closed, securityGroup('C', [egress('0.0.0.0/0', 80)])], 443), false);
  });
});

describe('ingressAllows', () => {
  const index = new InfraIndex(infra({}));
  const fromTask: IngressOrigin = { sgIds: [id('TaskSg')], cidrs: ['10.0.10.0/24'] };
  const twoSubnets: IngressOrigin = { sgIds: [id('OtherSg')], cidrs: ['10.0.10.0/24', '10.0.11.0/24'] };
  const noAddresses: IngressOrigin = { sgIds: [id('TaskSg')] };
  const cases: [string, SecurityGroupRule[], IngressOrigin, Tri][] = [
    ['from the task SG', [ingress('TaskSg', 443)], fromTask, true],
    ['from the task SG, wrong port', [ingress('TaskSg', 80)], fromTask, false],
    ['from the VPC CIDR', [ingress('10.0.0.0/16', 443)], fromTask, true],
    ['from 0.0.0.0/0', [ingress('0.0.0.0/0', 443)], fromTask, true],
    ['from another subnet CIDR', [ingress('10.0.11.0/24', 443)], fromTask, false],
    ['all traffic from the task SG', [ingress('TaskSg', 'all')], fromTask, true],
    ['CIDR rules together must cover every task subnet', [ingress('10.0.10.0/24', 443), ingress('10.0.11.0/24', 443)], twoSubnets, true],
    ['one task subnet not admitted', [ingress('10.0.10.0/24', 443)], twoSubnets, false],
    ['two /25s together hold the task subnet', [ingress('10.0.10.0/25', 443), ingress('10.0.10.128/25', 443)], fromTask, true],
    ['one /25 does not', [ingress('10.0.10.0/25', 443)], fromTask, false],
    ['addresses unknown: the world in halves holds them', [ingress('0.0.0.0/1', 443), ingress('128.0.0.0/1', 443)], noAddresses, true],
    ['unknown peer', [ingress('?', 443)], fromTask, 'unknown'],
    ['customer prefix list could hold the range', [ingress('pl-0abc', 443)], fromTask, 'unknown'],
    ['no rules', [], fromTask, false],
    ['egress rules do not admit', [egress('TaskSg', 443)], fromTask, false],
    // An origin whose addresses are not known (a load balancer whose subnets are not in the files).
    ['addresses unknown: from its SG', [ingress('TaskSg', 443)], noAddresses, true],
    ['addresses unknown: from 0.0.0.0/0', [ingress('0.0.0.0/0', 443)], noAddresses, true],
    ['addresses unknown: a CIDR may hold them', [ingress('10.0.0.0/16', 443)], noAddresses, 'unknown'],
    ['addresses unknown: ::/0 does not hold IPv4 ones, an IPv6 range may be all it has', [ingress('::/0', 443)], noAddresses, 'unknown'],
    ['addresses unknown: a CIDR on another port', [ingress('10.0.0.0/16', 80)], noAddresses, false],
    ['addresses unknown: a prefix list may hold them', [ingress('pl-0abc', 443)], noAddresses, 'unknown'],
    ['addresses unknown: an unknown peer', [ingress('?', 443)], noAddresses, 'unknown'],
    ['addresses unknown: only another SG', [ingress('OtherSg', 443)], noAddresses, false],
    ['addresses unknown: no rules', [], noAddresses, false],
    // An origin that may be in groups the files do not name.
    ['other groups: a rule naming another SG may name one', [ingress('OtherSg', 443)], { ...fromTask, otherGroups: true }, 'unknown'],
    ['other groups: a rule naming another SG on another port', [ingress('OtherSg', 80)], { ...fromTask, otherGroups: true }, false],
    ['other groups: a CIDR rule still decides', [ingress('10.0.0.0/16', 443)], { ...fromTask, otherGroups: true }, true],
    ['other groups: no rules', [], { ...fromTask, otherGroups: true }, false],
  ];
  for (const [name, rules, from, expected] of cases) {
    it(`${name} → ${expected}`, () => {
      assert.equal(ingressAllows([securityGroup('EndpointSg', rules)], 443, from, index), expected);
    });
  }
});

describe('ingressAdmitsWorld', () => {
  const cases: [string, SecurityGroupRule[], number[] | undefined, Tri][] = [
    ['0.0.0.0/0 on the port', [ingress('0.0.0.0/0', 443)], [443], true],
    ['::/0 on the port', [ingress('::/0', 443)], [443], true],
    ['0.0.0.0/0 on another port only', [ingress('0.0.0.0/0', 22)], [443], false],
    ['0.0.0.0/0 on one of several ports', [ingress('0.0.0.0/0', 80)], [443, 80], true],
    ['0.0.0.0/0 on some port, ports not known', [ingress('0.0.0.0/0', 22)], undefined, true],
    ['all traffic from 0.0.0.0/0', [ingress('0.0.0.0/0', 'all')], [443], true],
    ['a private CIDR is not the world', [ingress('10.0.0.0/8', 443)], [443], false],
    ['a public range short of the world', [ingress('203.0.113.0/24', 443)], [443], false],
    ['SG peer', [ingress('CdnSg', 443)], [443], false],
    ['prefix list could hold the world', [ingress('pl-0abc', 443)], [443], 'unknown'],
    ['unknown peer', [ingress('?', 443)], undefined, 'unknown'],
    ['unknown ports', [{ ...ingress('0.0.0.0/0', 443), portsKnown: false }], [443], 'unknown'],
    ['egress rules do not admit', [egress('0.0.0.0/0', 'all')], undefined, false],
    ['no rules', [], undefined, false],
    ['0.0.0.0/1 + 128.0.0.0/1 on the port', [ingress('0.0.0.0/1', 443), ingress('128.0.0.0/1', 443)], [443], true],
    ['::/1 + 8000::/1 on the port', [ingress('::/1', 443), ingress('8000::/1', 443)], [443], true],
    ['halves on the same ports, ports not known', [ingress('0.0.0.0/1', 22), ingress('128.0.0.0/1', 22)], undefined, true],
    ['halves on different ports', [ingress('0.0.0.0/1', 22), ingress('128.0.0.0/1', 443)], [443], false],
    ['one half', [ingress('0.0.0.0/1', 443)], [443], false],
  ];
  for (const [name, rules, ports, expected] of cases) {
    it(`${name} → ${expected}`, () => assert.equal(ingressAdmitsWorld([securityGroup('LbSg', rules)], ports), expected));
  }
});

describe('defaultSecurityGroup', () => {
  const index = new InfraIndex(infra({}));
  const group = defaultSecurityGroup(id('Vpc'), src());
  const selfId = defaultSecurityGroupId(id('Vpc'));

  it('allows all egress', () => {
    assert.equal(egressAllows([group], 443, { kind: 'internet' }, index), true);
    assert.equal(egressAllows([group], 5432, { kind: 'cidr', cidr: '10.0.0.0/16' }, index), true);
  });
  it('admits only members of itself', () => {
    assert.equal(ingressAllows([group], 443, { sgIds: [selfId], cidrs: [] }, index), true);
    assert.equal(ingressAllows([group], 443, { sgIds: [id('TaskSg')], cidrs: ['10.0.10.0/24'] }, index), false);
    assert.equal(ingressAllows([group], 443, { sgIds: [], cidrs: ['0.0.0.0/0'] }, index), false);
  });
  it('is marked as the default', () => {
    assert.equal(group.isDefault, true);
    assert.equal(group.id, selfId);
  });
});

describe('formatting', () => {
  it('ports', () => {
    assert.equal(formatPorts(ingress('x', 443)), '443');
    assert.equal(formatPorts(ingress('x', [8000, 8100])), '8000-8100');
    assert.equal(formatPorts(ingress('x', 'all')), 'all');
    assert.equal(formatPorts({ ...ingress('x', 443), portsKnown: false }), 'unknown');
  });
  it('protocols', () => {
    assert.deepEqual(['-1', '6', '17', 'TCP', 'icmp'].map(formatProtocol), ['all', 'tcp', 'udp', 'tcp', 'icmp']);
  });
});

describe('outermost / splitWorldRules', () => {
  const cidrs = (rules: SecurityGroupRule[]) => rules.map((r) => (r.peer.kind === 'cidr4' || r.peer.kind === 'cidr6' ? r.peer.cidr : '?'));
  it('keeps the ranges no other holds, the first of equal ones, in their order', () => {
    const rules = [ingress('10.0.0.0/16', 443), ingress('0.0.0.0/1', 443), ingress('192.168.0.0/16', 443), ingress('0.0.0.0/1', 443), ingress('128.0.0.0/1', 443)];
    assert.deepEqual(cidrs(outermost(rules)), ['0.0.0.0/1', '128.0.0.0/1']);
    assert.equal(outermost(rules)[0], rules[1]);
  });
  it('pieces combine only for the same traffic: protocol, ports and ICMP code', () => {
    const icmp = (cidr: string, code?: number): SecurityGroupRule => ({ ...ingress(cidr, 3, 'icmp'), ...(code === undefined ? {} : { icmpCode: code }) });
    assert.deepEqual(cidrs(splitWorldRules([securityGroup('G', [icmp('0.0.0.0/1', 4), icmp('128.0.0.0/1', 4)])], 'ingress')), ['0.0.0.0/1', '128.0.0.0/1']);
    assert.deepEqual(splitWorldRules([securityGroup('G', [icmp('0.0.0.0/1', 4), icmp('128.0.0.0/1', 1)])], 'ingress'), [], 'code 4 to one half and code 1 to the other is no world rule');
    assert.deepEqual(splitWorldRules([securityGroup('G', [ingress('0.0.0.0/1', 443), ingress('128.0.0.0/1', 80)])], 'ingress'), []);
    assert.deepEqual(cidrs(splitWorldRules([securityGroup('G', [ingress('0.0.0.0/1', 443, '6'), ingress('128.0.0.0/1', 443)])], 'ingress')), ['0.0.0.0/1', '128.0.0.0/1'], 'protocol 6 is tcp');
  });

  it('a port is open to the world when the ranges letting it through cover it, whatever else each lets through', () => {
    const open = (rules: SecurityGroupRule[]) => worldInPieces([securityGroup('G', rules)], 'ingress').map((p) => `${p.protocol} ${p.fromPort}-${p.toPort} v${p.version}: ${cidrs(p.rules).join(' ')}`);
    assert.deepEqual(open([ingress('0.0.0.0/1', [0, 65535]), ingress('128.0.0.0/1', 443)]), ['tcp 443-443 v4: 0.0.0.0/1 128.0.0.0/1']);
    assert.deepEqual(open([ingress('0.0.0.0/1', [0, 1000]), ingress('128.0.0.0/1', [500, 2000])]), ['tcp 500-1000 v4: 0.0.0.0/1 128.0.0.0/1']);
    assert.deepEqual(open([ingress('0.0.0.0/1', 'all'), ingress('128.0.0.0/1', 53, 'udp')]), ['udp 53-53 v4: 128.0.0.0/1 0.0.0.0/1']);
    assert.deepEqual(open([ingress('0.0.0.0/1', 'all'), ingress('128.0.0.0/1', 'all')]), ['all 0-65535 v4: 0.0.0.0/1 128.0.0.0/1'], 'no TCP entry beside it');
    assert.deepEqual(
      open([ingress('0.0.0.0/2', [80, 443]), ingress('64.0.0.0/2', [0, 65535]), ingress('128.0.0.0/1', 443), ingress('128.0.0.0/1', 80)]),
      ['tcp 80-80 v4: 0.0.0.0/2 64.0.0.0/2 128.0.0.0/1', 'tcp 443-443 v4: 0.0.0.0/2 64.0.0.0/2 128.0.0.0/1'],
      'one entry per set of pieces: the two 128.0.0.0/1 rules are different pieces',
    );
    assert.deepEqual(open([ingress('::/1', [8000, 9000]), ingress('8000::/1', 8080)]), ['tcp 8080-8080 v6: ::/1 8000::/1']);
    assert.deepEqual(open([ingress('0.0.0.0/2', 'all'), ingress('64.0.0.0/2', 443), ingress('192.0.0.0/2', [0, 65535])]), [], 'a gap (128.0.0.0/2) is no world');
    assert.deepEqual(open([ingress('0.0.0.0/1', [0, 65535]), ingress('128.0.0.0/1', [0, 65535], 'udp')]), [], 'TCP and UDP do not combine');
    const two = worldInPieces([securityGroup('A', [ingress('0.0.0.0/1', 'all')]), securityGroup('B', [ingress('128.0.0.0/1', 22)])], 'ingress');
    assert.deepEqual(two.map((p) => `${p.protocol} ${p.fromPort}`), ['tcp 22'], 'pieces in two groups');
  });

  it('many distinct port ranges: only the same ports combine (the work is capped)', () => {
    const many = Array.from({ length: 400 }, (_, i) => ingress('10.0.0.0/8', [i * 10, i * 10 + 5]));
    const group = securityGroup('G', [...many, ingress('0.0.0.0/1', 443), ingress('128.0.0.0/1', 443), ingress('0.0.0.0/1', [0, 65535]), ingress('128.0.0.0/1', 22)]);
    assert.deepEqual(worldInPieces([group], 'ingress').map((p) => `${p.fromPort}-${p.toPort}: ${cidrs(p.rules).join(' ')}`), ['443-443: 0.0.0.0/1 128.0.0.0/1']);
  });

  it('thousands of distinct port ranges stay cheap (each range\'s rules looked up, not every rule per range)', () => {
    const many = Array.from({ length: 20000 }, (_, i) => ingress('10.0.0.0/8', [i % 60000, (i % 60000) + 1 + Math.floor(i / 60000)]));
    const group = securityGroup('G', [...many, ingress('0.0.0.0/1', 443), ingress('128.0.0.0/1', 443), ingress('0.0.0.0/1', 'all'), ingress('128.0.0.0/1', [7, 8])]);
    const started = performance.now();
    const pieces = worldInPieces([group], 'ingress').map((p) => `${p.fromPort}-${p.toPort}: ${cidrs(p.rules).join(' ')}`);
    const elapsed = performance.now() - started;
    assert.deepEqual(pieces, ['7-8: 128.0.0.0/1 0.0.0.0/1', '443-443: 0.0.0.0/1 128.0.0.0/1']);
    // Every range against every rule took over 5 s here; a lookup per range takes well under 0.2 s.
    assert.ok(elapsed < 2000, `${Math.round(elapsed)} ms`);
  });

  it('thousands of rules in one group stay cheap (one sort, not every pair)', () => {
    const many = Array.from({ length: 20000 }, (_, i) => ingress(`10.${Math.floor(i / 256)}.${i % 256}.0/24`, 443));
    const group = securityGroup('Big', [...many, ingress('0.0.0.0/1', 443), ingress('128.0.0.0/1', 443)]);
    assert.deepEqual(cidrs(splitWorldRules([group], 'ingress')), ['0.0.0.0/1', '128.0.0.0/1']);
  });
});
