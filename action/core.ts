import { randomUUID } from 'node:crypto';
import * as actionsCore from '@actions/core';

/** Where an annotation points: `file` relative to the repository root, 1-based lines. */
export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
}

/**
 * The part of @actions/core the Action uses, as a port: `main.ts` talks to the runner only
 * through this, so tests hand `run()` a recording fixture and assert every input read and output
 * written (test/action/fixtures/core.ts).
 */
export interface CorePort {
  getInput(name: string): string;
  setOutput(name: string, value: string): void;
  setSecret(secret: string): void;
  setFailed(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  notice(message: string, properties?: AnnotationProperties): void;
  warning(message: string, properties?: AnnotationProperties): void;
  error(message: string, properties?: AnnotationProperties): void;
  /** Appends markdown to the job summary ($GITHUB_STEP_SUMMARY). */
  writeSummary(markdown: string): Promise<void>;
}

/** The real runner: workflow commands on stdout, files named by GITHUB_OUTPUT / GITHUB_STEP_SUMMARY. */
export const actionsCorePort: CorePort = {
  getInput: (name) => actionsCore.getInput(name),
  setOutput: (name, value) => actionsCore.setOutput(name, value),
  setSecret: (secret) => actionsCore.setSecret(secret),
  setFailed: (message) => actionsCore.setFailed(message),
  debug: (message) => actionsCore.debug(message),
  info: (message) => actionsCore.info(inert(message)),
  notice: (message, properties) => actionsCore.notice(message, properties),
  warning: (message, properties) => actionsCore.warning(message, properties),
  error: (message, properties) => actionsCore.error(message, properties),
  writeSummary: async (markdown) => {
    await actionsCore.summary.addRaw(markdown, true).write();
  },
};

/**
 * A log line as the runner must read it: text, never a workflow command. Log lines carry template
 * strings (logical IDs, names, file paths of the pull request), which may hold line breaks and
 * `::`, and the runner takes every line of the step's stdout that starts with `::` (after blanks)
 * for a command: `::error`, `::add-mask::`, `::stop-commands::`, `::set-output`. Such a message is
 * printed between `::stop-commands::TOKEN` and `::TOKEN::` with a token it cannot guess, as GitHub
 * documents for untrusted output; any other line is printed as it is.
 */
export function inert(message: string): string {
  if (!/(^|[\r\n])[^\S\r\n]*::|##\[/.test(message)) return message;
  const token = randomUUID();
  return `::stop-commands::${token}\n${message}\n::${token}::`;
}
