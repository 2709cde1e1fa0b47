import type { Severity } from '../model/index.ts';

/** Terminal styling shared by the text reports (scan and diff). */
export const ANSI = { reset: '\u001b[0m', bold: '\u001b[1m', dim: '\u001b[2m', red: '\u001b[31m', green: '\u001b[32m', yellow: '\u001b[33m', magenta: '\u001b[35m', cyan: '\u001b[36m' };

export const SEVERITY_STYLE: Record<Severity, string> = {
  critical: ANSI.bold + ANSI.magenta,
  high: ANSI.bold + ANSI.red,
  medium: ANSI.yellow,
  low: ANSI.cyan,
  info: ANSI.dim,
};
