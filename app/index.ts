import type { ApplicationFunction, Probot } from 'probot';
import { onInstallation, onRepositoriesAdded } from './handlers/installation.ts';
import { onIssueComment } from './handlers/issue-comment.ts';
import { onPullRequestClosed } from './handlers/pull-request-closed.ts';
import { onPush } from './handlers/push.ts';
import { createRuntime, type AppOptions } from './runtime.ts';

export type { AppOptions } from './runtime.ts';

/**
 * The fargate-warden GitHub App: every event it listens to, and nothing else. Each handler guards
 * early and hands over to the reconcile function (reconcile.ts). The events must match `app.yml`.
 */
export function createApp(options: AppOptions = {}): ApplicationFunction {
  return (app: Probot) => {
    const runtime = createRuntime(options, async () => {
      // The App's own identity needs its JWT: an installation token cannot read GET /app.
      const octokit = await app.auth();
      const { data } = await octokit.rest.apps.getAuthenticated();
      if (data === null || typeof data.slug !== 'string') throw new Error('GET /app named no slug');
      return `${data.slug}[bot]`;
    });
    app.on('push', (context) => onPush(context, runtime));
    app.on('installation.created', (context) => onInstallation(context, runtime));
    app.on('installation_repositories.added', (context) => onRepositoriesAdded(context, runtime));
    app.on('issue_comment.created', (context) => onIssueComment(context, runtime));
    app.on('pull_request.closed', (context) => onPullRequestClosed(context, runtime));
  };
}

/** The app function Probot loads (`probot run`, the Lambda adapter, createNodeMiddleware). */
const fargateWarden: ApplicationFunction = createApp();
export default fargateWarden;
