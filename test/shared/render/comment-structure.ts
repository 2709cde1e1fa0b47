// Structural checks of GitHub markdown, for the PR comment tests: what a renderer would see as
// tables, code blocks and HTML. Small on purpose: it knows the constructs the comment uses.
import assert from 'node:assert/strict';

/** Splits a table row into cells on pipes that are not backslash-escaped (GFM, code spans included). */
export function tableCells(row: string): string[] {
  const cells: string[] = [];
  let current = '';
  let backslashes = 0;
  for (const ch of row) {
    if (ch === '|' && backslashes % 2 === 0) {
      cells.push(current);
      current = '';
    } else {
      current += ch;
    }
    backslashes = ch === '\\' ? backslashes + 1 : 0;
  }
  cells.push(current);
  // A row `| a | b |` splits into ['', ' a ', ' b ', '']: the outer empties are the borders.
  return cells.slice(row.trimStart().startsWith('|') ? 1 : 0, row.trimEnd().endsWith('|') && !row.trimEnd().endsWith('\\|') ? -1 : undefined);
}

/** Inline code spans removed (their content is literal text to a renderer). */
export function withoutCodeSpans(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    if (line[i] === '\\') {
      out += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (line[i] === '`') {
      const run = /^`+/.exec(line.slice(i))![0];
      const close = line.indexOf(run, i + run.length);
      // A matching run that is not part of a longer run closes the span.
      if (close > 0 && line[close + run.length] !== '`') {
        out += ' code ';
        i = close + run.length;
        continue;
      }
      out += run;
      i += run.length;
      continue;
    }
    out += line[i];
    i++;
  }
  return out;
}

/** Label text: no quote, backtick, angle bracket, @ or % (directives); `<br/>` is the comment's own. */
const LABEL = '(?:[^"`<>@%\\[\\]{}|]|<br/>)*';
const MERMAID_LINE = [
  /^flowchart LR$/,
  new RegExp(`^  [a-z]+\\d*(\\["${LABEL}"\\]|\\(\\("Internet"\\)\\)|\\{\\{"${LABEL}"\\}\\})$`),
  new RegExp(`^ {2}[a-z]+\\d* (-->|-\\.->|(-->|-\\.->)\\|"${LABEL}"\\|) [a-z]+\\d*$`),
  /^ {2}classDef (lost|gained|changed|uncertain) [a-z0-9:#, -]+$/,
  /^ {2}class [a-z0-9,]+ (lost|gained|changed|uncertain)$/,
];

const ALLOWED_TAGS = /<\/?(details|summary|b|sub)>|<!-- fargate-warden:comment -->/g;

export interface Structure {
  tables: { header: number; rows: number }[];
  fences: number;
}

/**
 * Asserts the comment is well formed for GitHub: code fences balanced, `<details>` balanced and
 * never closed before it is opened, every table row has its header's column count, no HTML other
 * than the comment's own tags and no unbroken @mention outside code, and the marker once, first.
 */
export function assertWellFormed(md: string): Structure {
  const lines = md.split('\n');
  assert.equal(lines[0], '<!-- fargate-warden:comment -->', 'the marker is the first line');
  assert.equal(md.split('<!-- fargate-warden:comment -->').length, 2, 'the marker appears once');
  const structure: Structure = { tables: [], fences: 0 };
  let inFence = false;
  let details = 0;
  let table: { columns: number; header: number; rows: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^ {0,3}```/.test(line)) {
      inFence = !inFence;
      if (inFence) structure.fences++;
      else assert.equal(line, '```', `line ${i + 1}: a fence closes with a bare \`\`\``);
      table = undefined;
      continue;
    }
    if (inFence) {
      // Mermaid lines: nothing from a template may close a label, the block or inject a directive.
      assert.ok(MERMAID_LINE.some((re) => re.test(line)), `line ${i + 1}: not a flowchart line the comment writes (a label escaped?): ${line}`);
      continue;
    }
    if (table !== undefined) {
      if (line.startsWith('|')) {
        assert.equal(tableCells(line).length, table.columns, `line ${i + 1}: row has the header's ${table.columns} columns: ${line}`);
        table.rows++;
        continue;
      }
      structure.tables.push({ header: table.header, rows: table.rows });
      table = undefined;
    }
    if (line.startsWith('|') && /^\|( --- \|)+$/.test(lines[i + 1] ?? '')) {
      table = { columns: tableCells(line).length, header: i + 1, rows: 0 };
      assert.equal(tableCells(lines[i + 1]!).length, table.columns, `line ${i + 2}: delimiter row matches the header`);
      i++;
      continue;
    }
    const text = withoutCodeSpans(line);
    details += (text.match(/<details>/g) ?? []).length;
    details -= (text.match(/<\/details>/g) ?? []).length;
    assert.ok(details >= 0 && details <= 1, `line ${i + 1}: <details> never nests or closes unopened`);
    const html = text.replace(ALLOWED_TAGS, '');
    assert.doesNotMatch(html, /</, `line ${i + 1}: no HTML besides the comment's own tags: ${line}`);
    assert.doesNotMatch(text, /@(?!&#8203;)/, `line ${i + 1}: every @ outside code is broken: ${line}`);
  }
  if (table !== undefined) structure.tables.push({ header: table.header, rows: table.rows });
  assert.equal(inFence, false, 'every code block is closed');
  assert.equal(details, 0, 'every <details> is closed');
  return structure;
}
