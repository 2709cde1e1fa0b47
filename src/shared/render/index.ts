export { renderJson, toScanJson, type ScanJson, type FindingJson, type ErrorJson, type JsonOptions } from './json.ts';
export { renderText, type TextOptions } from './text.ts';
export { renderSarif, toSarif, type SarifLog, type SarifOptions } from './sarif.ts';
export { renderMarkdown, MARKDOWN_LIMIT, type MarkdownOptions } from './markdown.ts';
export { escapeMarkdown, codeSpan, tableCodeSpan, escapeLinkTarget, truncate } from './escape.ts';
