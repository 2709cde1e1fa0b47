import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../../src/shared/fixes/apply.ts';
import { nodeAt, templateDoc, type TemplateDoc } from '../../../src/shared/fixes/doc.ts';
import { appendItems, insertResources, removeEntry, replaceEntry, replaceItem, replaceNode, setKey } from '../../../src/shared/fixes/edit.ts';
import { getAtt, ref, sub } from '../../../src/shared/fixes/value.ts';
import type { Edit } from '../../../src/shared/model/index.ts';
import type { PMap, PNode, PSeq } from '../../../src/shared/sources/cloudformation/parse.ts';

/**
 * The edit helpers, as tables: template text in, one operation, template text out. Everything the
 * operation does not touch must come out byte for byte.
 */

type Op = (doc: TemplateDoc, at: (path: (string | number)[]) => PNode) => Edit | undefined;

function run(name: string, input: string, op: Op): string {
  const doc = templateDoc(name, input);
  assert.ok(doc !== undefined, 'the input parses');
  const at = (path: (string | number)[]): PNode => {
    const node = nodeAt(doc.root, path);
    assert.ok(node !== undefined, `no node at ${path.join('.')}`);
    return node;
  };
  const edit = op(doc, at);
  assert.ok(edit !== undefined, 'the operation produced an edit');
  const out = applyEdits(new Map([[name, input]]), [edit]);
  assert.deepEqual(out.rejected, []);
  const text = out.files.get(name) as string;
  assert.ok(templateDoc(name, text) !== undefined, `the result still parses:\n${text}`);
  return text;
}

const map = (n: PNode): PMap => n as PMap;
const seq = (n: PNode): PSeq => n as PSeq;
const P = ['Resources', 'Sg', 'Properties'];

const YAML_CASES: [name: string, input: string, op: Op, expected: string][] = [
  [
    'a replaced scalar keeps its quotes and the comment after it',
    'Resources:\n  Sg:\n    Properties:\n      Name: "old"   # keep me\n',
    (d, at) => setKey(d, map(at(P)), 'Name', 'new'),
    'Resources:\n  Sg:\n    Properties:\n      Name: "new"   # keep me\n',
  ],
  [
    'a new key goes after the last one, below a comment ending its line, at the mapping indentation',
    'Resources:\n  Sg:\n    Properties:\n      A: 1  # one\n\n# trailing\n',
    (d, at) => setKey(d, map(at(P)), 'B', true),
    'Resources:\n  Sg:\n    Properties:\n      A: 1  # one\n      B: true\n\n# trailing\n',
  ],
  [
    'a new key goes below the blank lines a keep-chomped block scalar (|+) ends with: they are part of its value',
    'Resources:\n  Sg:\n    Properties:\n      Description: |+\n        tasks\n\n  # next\n  Other: {}\n',
    (d, at) => setKey(d, map(at(P)), 'B', true),
    'Resources:\n  Sg:\n    Properties:\n      Description: |+\n        tasks\n\n      B: true\n  # next\n  Other: {}\n',
  ],
  [
    'a new item goes below a last item ending with a keep-chomped block scalar (>+), in CRLF',
    'Resources:\r\n  Sg:\r\n    Properties:\r\n      L:\r\n        - Run: >+\r\n            echo hi\r\n\r\n  Other: {}\r\n',
    (d, at) => appendItems(d, seq(at([...P, 'L'])), ['x']),
    'Resources:\r\n  Sg:\r\n    Properties:\r\n      L:\r\n        - Run: >+\r\n            echo hi\r\n\r\n        - x\r\n  Other: {}\r\n',
  ],
  [
    'a new key can go right after the key it belongs with',
    'Resources:\n  Sg:\n    Properties:\n      VpcId: !Ref Vpc\n      Tags: []\n',
    (d, at) => setKey(d, map(at(P)), 'PrivateDnsEnabled', true, ['VpcId']),
    'Resources:\n  Sg:\n    Properties:\n      VpcId: !Ref Vpc\n      PrivateDnsEnabled: true\n      Tags: []\n',
  ],
  [
    'a flow mapping gets flow text',
    'Resources:\n  Sg:\n    Properties: { A: 1, B: !Ref X }\n',
    (d, at) => setKey(d, map(at(P)), 'C', getAtt('Y', 'Arn')),
    'Resources:\n  Sg:\n    Properties: { A: 1, B: !Ref X, C: !GetAtt Y.Arn }\n',
  ],
  [
    'a block list value becomes a scalar from just after the colon',
    'Resources:\n  Sg:\n    Properties:\n      Resource:\n        - "*"\n      Next: 1\n',
    (d, at) => setKey(d, map(at(P)), 'Resource', ref('Queue')),
    'Resources:\n  Sg:\n    Properties:\n      Resource: !Ref Queue\n      Next: 1\n',
  ],
  [
    'a scalar becomes a block list at the file indentation (sequences indented under keys)',
    'Resources:\n  Sg:\n    Properties:\n      L:\n        - a\n      Resource: "*"\n',
    (d, at) => setKey(d, map(at(P)), 'Resource', [getAtt('B', 'Arn'), sub('${B.Arn}/*')]),
    'Resources:\n  Sg:\n    Properties:\n      L:\n        - a\n      Resource:\n        - !GetAtt B.Arn\n        - !Sub "${B.Arn}/*"\n',
  ],
  [
    'list items of mappings follow the file’s sequence style (level with the key)',
    'Resources:\n  Sg:\n    Properties:\n      Egress:\n      - IpProtocol: udp\n        FromPort: 53\n',
    (d, at) => appendItems(d, seq(at([...P, 'Egress'])), [{ IpProtocol: 'tcp', FromPort: 443, CidrIp: '0.0.0.0/0' }]),
    "Resources:\n  Sg:\n    Properties:\n      Egress:\n      - IpProtocol: udp\n        FromPort: 53\n      - IpProtocol: tcp\n        FromPort: 443\n        CidrIp: '0.0.0.0/0'\n",
  ],
  [
    'a flow list gets flow items; an empty one its first',
    'Resources:\n  Sg:\n    Properties:\n      A: [!Ref S1]\n      B: []\n',
    (d, at) => appendItems(d, seq(at([...P, 'A'])), [ref('S2'), 'x y']),
    'Resources:\n  Sg:\n    Properties:\n      A: [!Ref S1, !Ref S2, x y]\n      B: []\n',
  ],
  [
    'appending to an empty flow list',
    'Resources:\n  Sg:\n    Properties:\n      B: []\n',
    (d, at) => appendItems(d, seq(at([...P, 'B'])), [ref('S2')]),
    'Resources:\n  Sg:\n    Properties:\n      B: [!Ref S2]\n',
  ],
  [
    'removing a list item takes the comment lines right above it, and only those',
    'Resources:\n  Sg:\n    Properties:\n      L:\n        # first\n        - a\n        # second\n        - b\n        # third\n        - c\n',
    (d, at) => replaceItem(d, seq(at([...P, 'L'])), 1, []),
    'Resources:\n  Sg:\n    Properties:\n      L:\n        # first\n        - a\n        # third\n        - c\n',
  ],
  [
    'removing the last item of a list',
    'Resources:\n  Sg:\n    Properties:\n      L:\n        - a\n        - b: 1\n          c: 2\n      M: 1\n',
    (d, at) => replaceItem(d, seq(at([...P, 'L'])), 1, []),
    'Resources:\n  Sg:\n    Properties:\n      L:\n        - a\n      M: 1\n',
  ],
  [
    'replacing one item by two keeps the other items as written',
    "Resources:\n  Sg:\n    Properties:\n      L:\n        - IpProtocol: '-1'   # all\n          CidrIp: 0.0.0.0/0\n        - IpProtocol: udp\n",
    (d, at) => replaceItem(d, seq(at([...P, 'L'])), 0, [{ IpProtocol: 'tcp', FromPort: 443 }, { IpProtocol: 'tcp', FromPort: 5432 }]),
    'Resources:\n  Sg:\n    Properties:\n      L:\n        - IpProtocol: tcp\n          FromPort: 443\n        - IpProtocol: tcp\n          FromPort: 5432\n        - IpProtocol: udp\n',
  ],
  [
    're-keying an entry in place (CIDR to source group) keeps the comment on its line',
    'Resources:\n  Sg:\n    Properties:\n      CidrIp: "0.0.0.0/0"   # TODO\n      FromPort: 80\n',
    (d, at) => replaceEntry(d, map(at(P)), 'CidrIp', 'SourceSecurityGroupId', getAtt('LbSg', 'GroupId')),
    'Resources:\n  Sg:\n    Properties:\n      SourceSecurityGroupId: !GetAtt LbSg.GroupId   # TODO\n      FromPort: 80\n',
  ],
  [
    'a new resource follows the file: blank lines between resources, four-space indentation',
    'Resources:\n\n    A:\n        Type: X\n\n    B:\n        Type: Y\n\nOutputs: {}\n',
    (d) => insertResources(d, [['C', { Type: 'AWS::SQS::Queue', Properties: { DelaySeconds: 5 } }]]),
    'Resources:\n\n    A:\n        Type: X\n\n    B:\n        Type: Y\n\n    C:\n        Type: AWS::SQS::Queue\n        Properties:\n            DelaySeconds: 5\n\nOutputs: {}\n',
  ],
  [
    'CRLF files get CRLF',
    'Resources:\r\n  Sg:\r\n    Properties:\r\n      A: 1\r\n',
    (d, at) => setKey(d, map(at(P)), 'B', ['x']),
    'Resources:\r\n  Sg:\r\n    Properties:\r\n      A: 1\r\n      B:\r\n        - x\r\n',
  ],
  [
    'strings YAML would read as something else are quoted the way the file quotes',
    "Resources:\n  Sg:\n    Properties:\n      Q: 'x'\n",
    (d, at) => setKey(d, map(at(P)), 'V', ['*', '2012-10-17', 'yes', 'a: b', '443', 'plain text', 'it\'s']),
    "Resources:\n  Sg:\n    Properties:\n      Q: 'x'\n      V:\n        - '*'\n        - '2012-10-17'\n        - 'yes'\n        - 'a: b'\n        - '443'\n        - plain text\n        - 'it''s'\n",
  ],
  [
    'a whole mapping replaced in place (a standalone rule’s Properties)',
    'Resources:\n  Sg:\n    Properties:\n      A: 1\n      B: 2\n  Next: {}\n',
    (d, at) => replaceNode(d, at(P), { A: 1, C: ref('X') }),
    'Resources:\n  Sg:\n    Properties:\n      A: 1\n      C: !Ref X\n  Next: {}\n',
  ],
];

const REMOVE_CASES: [name: string, file: string, input: string, expected: string][] = [
  [
    'a block entry in the middle, with the comment lines above it and its nested lines',
    't.yaml',
    'Resources:\n  Sg:\n    Properties:\n      A: 1\n      # the policies\n      Policies:\n        - PolicyName: x   # trailing\n          PolicyDocument: {}\n      # about C\n      C: 3\n',
    'Resources:\n  Sg:\n    Properties:\n      A: 1\n      # about C\n      C: 3\n',
  ],
  [
    'the last block entry of a mapping followed by another resource',
    't.yaml',
    'Resources:\n  Sg:\n    Properties:\n      A: 1\n      Policies:\n        - x   # trailing\n  Next:\n    Type: Y\n',
    'Resources:\n  Sg:\n    Properties:\n      A: 1\n  Next:\n    Type: Y\n',
  ],
  [
    'the last entry of the file, without a final newline',
    't.yaml',
    'Resources:\n  Sg:\n    Properties:\n      A: 1\n      Policies: [x]',
    'Resources:\n  Sg:\n    Properties:\n      A: 1\n',
  ],
  [
    'the first entry of a YAML flow mapping takes the comma after it',
    't.yaml',
    'Resources:\n  Sg:\n    Properties: { Policies: [x], A: 1 }\n',
    'Resources:\n  Sg:\n    Properties: { A: 1 }\n',
  ],
  [
    'a later entry of a YAML flow mapping takes the comma before it',
    't.yaml',
    'Resources:\n  Sg:\n    Properties: { A: 1, Policies: [x] }\n',
    'Resources:\n  Sg:\n    Properties: { A: 1 }\n',
  ],
  [
    'a pretty JSON entry, last: the comma before it goes',
    't.json',
    '{\n  "Resources": {\n    "Sg": {\n      "Properties": {\n        "A": 1,\n        "Policies": [\n          "x"\n        ]\n      }\n    }\n  }\n}\n',
    '{\n  "Resources": {\n    "Sg": {\n      "Properties": {\n        "A": 1\n      }\n    }\n  }\n}\n',
  ],
  [
    'a pretty JSON entry, first: the comma after it goes, CRLF kept',
    't.json',
    '{\r\n  "Resources": {\r\n    "Sg": {\r\n      "Properties": {\r\n        "Policies": [],\r\n        "A": 1\r\n      }\r\n    }\r\n  }\r\n}\r\n',
    '{\r\n  "Resources": {\r\n    "Sg": {\r\n      "Properties": {\r\n        "A": 1\r\n      }\r\n    }\r\n  }\r\n}\r\n',
  ],
];

const JSON_CASES: [name: string, input: string, op: Op, expected: string][] = [
  [
    'a new key in a pretty mapping, at its indentation',
    '{\n    "Resources": {\n        "Sg": {\n            "Properties": {\n                "A": 1\n            }\n        }\n    }\n}\n',
    (d, at) => setKey(d, map(at(P)), 'B', ref('X')),
    '{\n    "Resources": {\n        "Sg": {\n            "Properties": {\n                "A": 1,\n                "B": {\n                    "Ref": "X"\n                }\n            }\n        }\n    }\n}\n',
  ],
  [
    'a one-line mapping stays on one line',
    '{\n  "Resources": {\n    "Sg": {\n      "Properties": {"A": 1, "B": [1, 2]}\n    }\n  }\n}\n',
    (d, at) => setKey(d, map(at(P)), 'C', { 'Fn::GetAtt': ['Y', 'Arn'] }),
    '{\n  "Resources": {\n    "Sg": {\n      "Properties": {"A": 1, "B": [1, 2], "C": {"Fn::GetAtt": ["Y", "Arn"]}}\n    }\n  }\n}\n',
  ],
  [
    'an empty mapping is opened on its own lines (tab indentation)',
    '{\n\t"Resources": {\n\t\t"Sg": {\n\t\t\t"Properties": {}\n\t\t}\n\t}\n}\n',
    (d, at) => setKey(d, map(at(P)), 'A', true),
    '{\n\t"Resources": {\n\t\t"Sg": {\n\t\t\t"Properties": {\n\t\t\t\t"A": true\n\t\t\t}\n\t\t}\n\t}\n}\n',
  ],
  [
    'appending to a pretty list and to a one-line list',
    '{\n "Resources": {\n  "Sg": {\n   "Properties": {\n    "L": [\n     "a"\n    ],\n    "M": ["a"]\n   }\n  }\n }\n}\n',
    (d, at) => appendItems(d, seq(at([...P, 'L'])), ['b']),
    '{\n "Resources": {\n  "Sg": {\n   "Properties": {\n    "L": [\n     "a",\n     "b"\n    ],\n    "M": ["a"]\n   }\n  }\n }\n}\n',
  ],
  [
    'removing a middle item takes its comma',
    '{"Resources": {"Sg": {"Properties": {"L": [1, 2, 3]}}}}',
    (d, at) => replaceItem(d, seq(at([...P, 'L'])), 1, []),
    '{"Resources": {"Sg": {"Properties": {"L": [1, 3]}}}}',
  ],
  [
    'removing the first item takes the comma after it',
    '{"Resources": {"Sg": {"Properties": {"L": [1, 2, 3]}}}}',
    (d, at) => replaceItem(d, seq(at([...P, 'L'])), 0, []),
    '{"Resources": {"Sg": {"Properties": {"L": [2, 3]}}}}',
  ],
  [
    're-keying inside a one-line object keeps the line',
    '{\n  "Resources": {\n    "Sg": {\n      "Properties": {"CidrIp": "0.0.0.0/0", "FromPort": 80}\n    }\n  }\n}\n',
    (d, at) => replaceEntry(d, map(at(P)), 'CidrIp', 'SourceSecurityGroupId', getAtt('Lb', 'GroupId')),
    '{\n  "Resources": {\n    "Sg": {\n      "Properties": {"SourceSecurityGroupId": {"Fn::GetAtt": ["Lb", "GroupId"]}, "FromPort": 80}\n    }\n  }\n}\n',
  ],
  [
    'a new resource at the end of Resources, CRLF kept',
    '{\r\n  "Resources": {\r\n    "A": {\r\n      "Type": "X"\r\n    }\r\n  }\r\n}\r\n',
    (d) => insertResources(d, [['B', { Type: 'Y' }]]),
    '{\r\n  "Resources": {\r\n    "A": {\r\n      "Type": "X"\r\n    },\r\n    "B": {\r\n      "Type": "Y"\r\n    }\r\n  }\r\n}\r\n',
  ],
];

describe('YAML edits', () => {
  for (const [name, input, op, expected] of YAML_CASES) it(name, () => assert.equal(run('t.yaml', input, op), expected));

  it('a file that prefers double quotes gets double quotes', () => {
    const input = 'Resources:\n  Sg:\n    Properties:\n      A: "x"\n      B: "y"\n';
    assert.equal(run('t.yaml', input, (d, at) => setKey(d, map(at(P)), 'C', '*')), `${input}      C: "*"\n`);
  });

  it('refuses to remove the only item of a list (an empty list can mean something else)', () => {
    const doc = templateDoc('t.yaml', 'Resources:\n  Sg:\n    Properties:\n      L:\n        - a\n') as TemplateDoc;
    assert.equal(replaceItem(doc, nodeAt(doc.root, [...P, 'L']) as PSeq, 0, []), undefined);
  });
});

describe('removeEntry', () => {
  for (const [name, file, input, expected] of REMOVE_CASES) it(name, () => assert.equal(run(file, input, (d, at) => removeEntry(d, map(at(P)), 'Policies')), expected));

  it('refuses the only entry of a mapping, a key that is not there, and a key that does not start its line', () => {
    for (const [file, text, path] of [
      ['t.yaml', 'Resources:\n  Sg:\n    Properties:\n      Policies: []\n', P],
      ['t.json', '{"Resources": {"Sg": {"Properties": {"Policies": []}}}}', P],
      ['t.yaml', 'Resources:\n  Sg:\n    Properties:\n      A: 1\n', P],
      ['t.yaml', 'Resources:\n  Sg:\n    Properties:\n      L:\n        - Policies: [x]\n          A: 1\n', [...P, 'L', 0]],
    ] as const) {
      const doc = templateDoc(file, text) as TemplateDoc;
      assert.equal(removeEntry(doc, nodeAt(doc.root, [...path]) as PMap, 'Policies'), undefined, text);
    }
  });
});

describe('JSON edits', () => {
  for (const [name, input, op, expected] of JSON_CASES) it(name, () => assert.equal(run('t.json', input, op), expected));
});
