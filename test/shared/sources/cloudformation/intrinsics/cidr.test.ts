import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evalPlain, evalYaml, problemMessages } from '../../../../support/cloudformation.ts';
import { computeCidrs } from '../../../../../src/shared/sources/cloudformation/intrinsics/cidr.ts';

describe('Fn::Cidr', () => {
  const computed: [string, number, number, string[] | RegExp][] = [
    ['10.0.0.0/16', 4, 8, ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24']],
    ['192.168.0.0/24', 2, 6, ['192.168.0.0/26', '192.168.0.64/26']],
    // Host bits in the block are ignored, as CloudFormation does.
    ['10.0.5.7/16', 1, 12, ['10.0.0.0/20']],
    ['10.0.0.0/16', 1, 16, ['10.0.0.0/16']],
    ['10.0.0.0/31', 2, 0, /cidrBits 0 is outside 1..32/],
    ['10.0.0.0/24', 2, 9, /makes blocks larger than/],
    ['10.0.0.0/24', 5, 6, /holds only 4 blocks of \/26, not 5/],
    ['10.0.0.0/16', 0, 8, /count 0 is outside 1..256/],
    ['10.0.0.300/16', 1, 8, /is not a CIDR block/],
    ['2001:db8::/56', 3, 64, ['2001:db8::/64', '2001:db8:0:1::/64', '2001:db8:0:2::/64']],
    ['2600:1f16:abc:de00::/56', 2, 64, ['2600:1f16:abc:de00::/64', '2600:1f16:abc:de01::/64']],
    ['fd00::/8', 1, 120, ['fd00::/8']],
  ];
  for (const [block, count, bits, expected] of computed) {
    it(`computeCidrs(${block}, ${count}, ${bits})`, () => {
      const result = computeCidrs(block, count, bits);
      if (expected instanceof RegExp) assert.match(String(result), expected);
      else assert.deepEqual(result, expected);
    });
  }

  const sections = `Parameters:
  VpcCidr: { Type: String, Default: 10.20.0.0/16 }
  NoDefault: { Type: String }
`;
  const resources = `  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: !Ref VpcCidr
  ImportedVpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: !ImportValue shared-cidr
`;
  const cases: [string, unknown][] = [
    ['!Cidr [10.0.0.0/16, 2, 8]', ['10.0.0.0/24', '10.0.1.0/24']],
    ["!Cidr ['10.0.0.0/16', '2', '8']", ['10.0.0.0/24', '10.0.1.0/24']],
    ['!Select [1, !Cidr [!GetAtt Vpc.CidrBlock, 4, 8]]', '10.20.1.0/24'],
    ['!Select [0, !Cidr [!GetAtt ImportedVpc.CidrBlock, 4, 8]]', '?Fn::Cidr of an address block known only after deployment'],
    ['!Cidr [!Ref NoDefault, 2, 8]', '?parameter NoDefault has no default'],
    ['!Select [0, !Cidr [!Select [0, !GetAtt Vpc.Ipv6CidrBlocks], 4, 64]]', '?Fn::Cidr of an address block known only after deployment'],
  ];
  for (const [expr, expected] of cases) {
    it(`${expr} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(evalPlain(expr, { sections, resources }), expected);
    });
  }

  it('invalid arguments are a problem, not an exception', () => {
    const { value, template } = evalYaml('!Cidr [10.0.0.0/24, 300, 2]');
    assert.equal(value?.kind, 'unknown');
    assert.match(problemMessages(template).join(), /count 300 is outside 1..256/);
    assert.match(problemMessages(evalYaml('!Cidr [10.0.0.0/24, two, 2]').template).join(), /must be integers/);
    assert.match(problemMessages(evalYaml('!Cidr [10.0.0.0/24, 2]').template).join(), /takes \[ipBlock, count, cidrBits\]/);
  });
});
