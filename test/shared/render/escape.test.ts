import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { codeSpan, escapeLinkTarget, escapeMarkdown, tableCodeSpan, truncate, truncateMiddle } from '../../../src/shared/render/escape.ts';

/** What a markdown renderer would treat as syntax, after our escaping (escaped characters removed). */
function unescapedSyntax(s: string): string {
  return s.replace(/\\./g, '').replace(/&(?:amp|lt|gt|quot|#8203);/g, '');
}

describe('escapeMarkdown', () => {
  const hostile: [name: string, input: string][] = [
    ['an HTML tag with a handler', '<img src=x onerror=alert(1)>'],
    ['a script tag', '<script>alert(document.cookie)</script>'],
    ['table pipes', '| pipes | break | tables |'],
    ['a team mention', '@org/team please approve'],
    ['a user mention', 'cc @octocat'],
    ['backticks', '`code` and ```fences```'],
    ['a javascript link', '[click](javascript:alert(1))'],
    ['a link closing sequence', 'x](javascript:alert(1))'],
    ['an image', '![x](https://evil.example/pixel.png)'],
    ['newlines starting a heading', 'ok\n# Heading\n---'],
    ['CRLF and unicode line separators', 'a\r\nb\u2028c\u2029d'],
    ['an HTML entity', '&#64;octocat &lt;b&gt;'],
    ['an HTML comment closing the marker', '--> <!-- fargate-warden:comment -->'],
    ['emphasis', '**bold** _it_ ~~strike~~'],
    ['math', '$\\color{red}{fake}$'],
    ['an issue reference', 'fixes #123'],
    ['a bare URL', 'see https://evil.example and www.evil.example'],
    ['bidi overrides', 'Safe\u202eSg'],
    ['an Arabic letter mark, a byte-order mark and a word joiner', 'Safe\u061cS\ufeffg\u2060'],
    ['tag characters spelling hidden text', 'Safe\udb40\udc68\udb40\udc69Sg'],
    ['variation selectors and a Hangul filler', 'Safe\ufe0f\udb40\udd00\u3164Sg'],
  ];

  for (const [name, input] of hostile) {
    it(`neutralises ${name}`, () => {
      const out = escapeMarkdown(input);
      assert.doesNotMatch(out, /[\r\n\u2028\u2029]/, 'no line breaks');
      assert.doesNotMatch(out, /</, 'no raw <');
      assert.doesNotMatch(out, />/, 'no raw >');
      const syntax = unescapedSyntax(out);
      assert.doesNotMatch(syntax, /[|`*_[\]()#!~$]/, `unescaped markdown syntax in ${out}`);
      assert.doesNotMatch(out, /@(?!&#8203;)/, 'every @ is broken by a zero-width space');
      // eslint-disable-next-line no-misleading-character-class -- lone variation selectors are what it looks for
      assert.doesNotMatch(out, /[\u061c\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\u3164\ufe0f\ufeff]|\udb40/, 'no bidi controls or invisible characters');
    });
  }

  it('breaks mentions, issue references and autolinks with a zero-width space', () => {
    assert.equal(escapeMarkdown('@org/team'), '@&#8203;org/team');
    assert.equal(escapeMarkdown('#123'), '\\#&#8203;123');
    assert.equal(escapeMarkdown('see GH-12'), 'see GH\\-&#8203;12');
    assert.equal(escapeMarkdown('https://x.example'), 'https\\:&#8203;//x.example');
    assert.equal(escapeMarkdown('www.x.example'), 'www&#8203;.x.example');
  });

  it('leaves ordinary identifiers readable', () => {
    assert.equal(escapeMarkdown('ApiService'), 'ApiService');
    assert.equal(escapeMarkdown('orders api 2'), 'orders api 2');
    assert.equal(escapeMarkdown('1. not a list'), '1\\. not a list');
  });

  it('entity-encodes & so a template cannot write its own entities', () => {
    assert.equal(escapeMarkdown('&#64;x'), '&amp;\\#&#8203;64;x');
  });

  it('caps very long strings', () => {
    const out = escapeMarkdown('a'.repeat(5000));
    assert.ok(out.length <= 1000);
    assert.ok(out.endsWith('…'));
  });

  it('takes a single argument, so it can be passed to map()', () => {
    assert.deepEqual(['a|b', 'c'].map(escapeMarkdown), ['a\\|b', 'c']);
  });
});

describe('codeSpan', () => {
  it('uses a fence longer than any backtick run inside', () => {
    assert.equal(codeSpan('a`b'), '``a`b``');
    assert.equal(codeSpan('```'), '```` ``` ````');
  });
  it('flattens newlines; the table variant escapes pipes (GFM splits cells on them even in code)', () => {
    assert.equal(codeSpan('a|b\nc'), '`a|b c`');
    assert.equal(tableCodeSpan('a|b\nc'), '`a\\|b c`');
  });
  it('falls back to escaping when the text could open an HTML tag (tags bind tighter than code spans)', () => {
    assert.equal(codeSpan('<a href="`">'), '&lt;a href\\=&quot;\\`&quot;&gt;');
    assert.doesNotMatch(tableCodeSpan('<img src=x>|'), /</);
  });
  it('never yields an empty span', () => {
    assert.equal(codeSpan(''), '` `');
  });
});

describe('escapeLinkTarget / truncate', () => {
  it('percent-encodes each path segment including parentheses', () => {
    assert.equal(escapeLinkTarget('infra/my stack (v2).yaml'), 'infra/my%20stack%20%28v2%29.yaml');
    assert.equal(escapeLinkTarget('a/](javascript:x)'), 'a/%5D%28javascript%3Ax%29');
  });
  it('truncate does not split surrogate pairs', () => {
    assert.equal(truncate('😀😀😀', 2), '😀…');
    assert.equal(truncate('abc', 3), 'abc');
  });
});

describe('truncateMiddle', () => {
  it('keeps both ends, so names that share a long start stay apart', () => {
    const a = `Stack/${'C'.repeat(200)}/ServiceA/Resource`;
    const b = `Stack/${'C'.repeat(200)}/ServiceB/Resource`;
    assert.notEqual(truncateMiddle(a, 40), truncateMiddle(b, 40));
    assert.equal([...truncateMiddle(a, 40)].length, 40);
    assert.match(truncateMiddle(a, 40), /^Stack\/C+…C+\/ServiceA\/Resource$/);
    assert.equal(truncateMiddle('short', 40), 'short');
    assert.equal(truncateMiddle('😀'.repeat(50), 9), `${'😀'.repeat(4)}…${'😀'.repeat(4)}`, 'no surrogate pair is split');
    assert.equal(truncateMiddle('😀'.repeat(9), 9), '😀'.repeat(9), 'nine code points fit, though they are eighteen UTF-16 units');
    assert.equal(truncateMiddle(`${'x'.repeat(1_000_000)}END`, 9), 'xxxx…xEND', 'a huge string keeps its ends');
  });
});
