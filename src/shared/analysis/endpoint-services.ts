/**
 * IAM service prefix → VPC endpoint short names (`com.amazonaws.<region>.<short name>`).
 *
 * Most services use their IAM prefix as endpoint name; only the differences are listed. A prefix
 * not listed here is assumed to follow that convention, which can only ever make a need covered by
 * an endpoint of exactly that name found in the VPC, so the assumption never invents coverage.
 */

const DIFFERENT_NAMES: Readonly<Record<string, readonly string[]>> = {
  // The application calls the ECR API; image pulls (ecr.dkr) are needs of the task definition.
  ecr: ['ecr.api'],
  cloudwatch: ['monitoring'],
  kinesis: ['kinesis-streams'],
  firehose: ['kinesis-firehose'],
  ses: ['email'],
  sagemaker: ['sagemaker.api', 'sagemaker.runtime'],
  bedrock: ['bedrock', 'bedrock-runtime'],
  appconfig: ['appconfig', 'appconfigdata'],
  appmesh: ['appmesh-envoy-management'],
  servicediscovery: ['servicediscovery', 'data-servicediscovery'],
  codeartifact: ['codeartifact.api', 'codeartifact.repositories'],
  codecommit: ['codecommit', 'git-codecommit'],
  'codestar-connections': ['codestar-connections.api'],
  qldb: ['qldb.session'],
  iot: ['iot.data'],
  appsync: ['appsync-api'],
  opensearch: ['es'],
};

/**
 * Services with no VPC endpoint at all: global control planes and the like. Calls to them need an
 * internet path whatever endpoints exist.
 */
const NO_ENDPOINT = new Set([
  'iam', 'route53', 'route53domains', 'cloudfront', 'organizations', 'account', 'budgets', 'ce', 'cur',
  'waf', 'shield', 'globalaccelerator', 'health', 'support', 'trustedadvisor', 'aws-portal', 'billing',
  'sso', 'pricing', 'artifact', 'chatbot', 'ecr-public', 'mechanicalturk', 'importexport',
]);

/**
 * Actions that grant something without the task ever calling an AWS endpoint: IAM database
 * auth tokens are signed locally, `iam:PassRole` is checked on another call.
 */
const NO_CALL_ACTIONS = new Set([
  'iam:passrole', 'rds-db:connect', 'elasticache:connect', 'memorydb:connect', 'dsql:dbconnect', 'dsql:dbconnectadmin',
  'neptune-db:connect',
]);
const NO_CALL_PREFIXES = new Set(['rds-db']);

export interface EndpointMapping {
  /** Endpoint short names that serve the prefix; empty when there is none. */
  endpoints: string[];
  /** True when no VPC endpoint exists for the service: only an internet path reaches it. */
  noEndpoint: boolean;
}

export function endpointsForIamPrefix(prefix: string): EndpointMapping {
  const p = prefix.toLowerCase();
  if (NO_ENDPOINT.has(p)) return { endpoints: [], noEndpoint: true };
  const named = DIFFERENT_NAMES[p];
  return { endpoints: named !== undefined ? [...named] : [p], noEndpoint: false };
}

/** Whether granting the action means the task calls an AWS endpoint for it. */
export function actionCallsEndpoint(action: string): boolean {
  const a = action.toLowerCase();
  const prefix = a.split(':')[0] ?? a;
  return !NO_CALL_ACTIONS.has(a) && !NO_CALL_PREFIXES.has(prefix);
}

/** Gateway endpoints exist for these two only; both also have Interface endpoints. */
export const GATEWAY_CAPABLE: ReadonlySet<string> = new Set(['s3', 'dynamodb']);

/** The service whose layers ECR serves from S3, and the bucket that must be reachable. */
export function ecrLayerBucketArn(region: string): string {
  return `arn:aws:s3:::prod-${region}-starport-layer-bucket/*`;
}
