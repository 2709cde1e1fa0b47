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
  info: (message) => actionsCore.info(message),
  notice: (message, properties) => actionsCore.notice(message, properties),
  warning: (message, properties) => actionsCore.warning(message, properties),
  error: (message, properties) => actionsCore.error(message, properties),
  writeSummary: async (markdown) => {
    await actionsCore.summary.addRaw(markdown, true).write();
  },
};
