import type { Rule } from '../types.ts';
import {
  details,
  endpointById,
  endpointLabel,
  endpointService,
  groupBy,
  impact,
  lineIn,
  listWords,
  missingOf,
  serviceEntity,
  servicesPhrase,
  serviceKeysOf,
  uncoveredProblems,
  verbS,
} from './shared.ts';

const LAYER_BUCKET = /starport-layer-bucket/i;
const AUTH_TOKEN = /ecr:GetAuthorizationToken/i;

export const rule: Rule = {
  meta: {
    id: 'FW307',
    severity: 'high',
    area: 'endpoints',
    title: 'Endpoint policy denies something the service needs',
    description:
      'Finds VPC endpoints whose endpoint policy does not allow a call a dependent service makes through them. Requests ' +
      'the policy does not allow are refused with AccessDenied even when the task role allows them. The usual case is an S3 ' +
      'gateway endpoint locked down to the application’s buckets, forgetting the bucket ECR serves image layers from ' +
      '(arn:aws:s3:::prod-<region>-starport-layer-bucket/*): image pulls then fail.',
    messages: {
      denied:
        'The policy of endpoint {{endpoint}} ({{awsService}}) does not allow what {{services}} need{{s}}: {{what}}. Requests ' +
        'through the endpoint are refused with AccessDenied, so {{impact}}. {{hint}}',
      detail:
        'Endpoint {{endpoint}} ({{awsService}}) refuses calls {{services}} need{{s}} through it: {{what}}. Requests the policy ' +
        'does not allow get AccessDenied, so {{impact}}. {{hint}}',
    },
    fixable: false,
  },
  check(ctx, report) {
    const { index } = ctx;
    const hits = uncoveredProblems(ctx, 'endpoint-policy');
    for (const group of groupBy(hits, (h) => h.problem.endpointId ?? `service:${h.posture.serviceId}`).values()) {
      const first = group[0];
      if (first === undefined) continue;
      const endpoint = endpointById(index, first.problem.endpointId);
      const entity = endpoint ?? serviceEntity(index, first.posture);
      if (entity === undefined) continue;
      const missing = missingOf(group);
      const whatItems = missing.length > 0 ? missing : details(group);
      const what = whatItems.length > 0 ? listWords(whatItems) : 'calls it makes through the endpoint';
      const layers = whatItems.some((w) => LAYER_BUCKET.test(w));
      const token = whatItems.some((w) => AUTH_TOKEN.test(w));
      const keys = group.map((h) => h.posture.key);
      report({
        messageId: missing.length > 0 ? 'denied' : 'detail',
        data: {
          endpoint: endpointLabel(index, endpoint, group),
          awsService: endpointService(group, endpoint),
          services: servicesPhrase(keys),
          s: verbS(keys),
          what,
          impact: impact(group),
          hint: layers
            ? 'Add a statement allowing s3:GetObject on arn:aws:s3:::prod-<region>-starport-layer-bucket/*, where ECR keeps image layers.'
            : token
              ? 'Add a statement allowing ecr:GetAuthorizationToken on Resource "*" (the action supports no other resource; the ECS agent needs the registry token before any pull).'
              : 'Add a statement to the endpoint policy that allows these actions on these resources.',
        },
        entity,
        line: endpoint?.policy !== undefined ? lineIn(endpoint, endpoint.policy.source) : undefined,
        services: serviceKeysOf(group),
      });
    }
  },
};
