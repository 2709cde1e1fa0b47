import type { Attr, EndpointType, Entity, VpcEndpoint } from '../../../model/index.ts';
import type { ResolvedResource } from '../resolved.ts';
import { type AdaptContext, attrBooleanOr, attrString, defaultSource, defaulted, entityRef, literal, prop, refList, unknownOf, withValue, EXPECT_SUBNET, EXPECT_VPC } from './common.ts';
import { policyDocument } from './iam.ts';
import { SECURITY_GROUP_TYPES } from './security-groups.ts';

const REGION = String.raw`(?:[a-z]{2}(?:-[a-z]+)+-\d+|\$\{[^}]+\})`;
const AWS_SERVICE = new RegExp(String.raw`^(?:cn\.)?com\.amazonaws\.${REGION}\.(.+)$`);

/**
 * `com.amazonaws.<region>.ecr.api` → `ecr.api`. Endpoint services that are not AWS services
 * (`com.amazonaws.vpce.<region>.vpce-svc-…`, `aws.sagemaker.<region>.notebook`, marketplace)
 * keep their raw name.
 */
export function normaliseEndpointService(raw: string): string {
  const name = raw.trim();
  if (/^(?:cn\.)?com\.amazonaws\.vpce\./.test(name)) return name;
  const m = AWS_SERVICE.exec(name);
  return m === null ? name : m[1];
}

const TYPES: Record<string, EndpointType> = { interface: 'Interface', gateway: 'Gateway', gatewayloadbalancer: 'GatewayLoadBalancer' };

/**
 * The AWS service an endpoint serves, from its ServiceName. A name whose service part is built from
 * a value the files do not decide (`com.amazonaws.${AWS::Region}.${Service}`) serves an unknown
 * service: read literally, `${Service}` would be a service nothing needs, and the endpoint lost.
 */
function endpointService(raw: Attr<string>): Attr<string> {
  if (!raw.known) return raw;
  const service = normaliseEndpointService(raw.value);
  // Pseudo parameters (a partner endpoint's `com.amazonaws.vpce.${AWS::Region}.vpce-svc-…`) are no service part.
  return service.replace(/\$\{AWS::[A-Za-z]+\}/g, '').includes('${') ? unknownOf(`the service name ${raw.value} depends on a value the files do not decide`, raw.source) : withValue(raw, service);
}

export function adaptVpcEndpoint(res: ResolvedResource, base: Entity, ctx: AdaptContext): void {
  const file = ctx.template.file;
  const p = res.properties;
  const nameValue = prop(p, 'ServiceName');
  const serviceNameRaw: Attr<string> = nameValue === undefined
    ? unknownOf('no ServiceName', defaultSource(res, file, 'ServiceName'))
    : attrString(nameValue, file);
  // An endpoint that exists only under a condition the files do not decide may serve nothing.
  const service = res.condition === 'unknown' ? unknownOf<string>('the endpoint exists only under a Condition the files do not decide', serviceNameRaw.source) : endpointService(serviceNameRaw);

  const typeValue = prop(p, 'VpcEndpointType');
  let type: EndpointType;
  if (typeValue === undefined) {
    // CloudFormation's documented default.
    type = 'Gateway';
  } else {
    const written = literal(typeValue)?.toLowerCase();
    const fallback: EndpointType = service.known && (service.value === 's3' || service.value === 'dynamodb') ? 'Gateway' : 'Interface';
    type = (written !== undefined ? TYPES[written] : undefined) ?? fallback;
  }

  const endpoint: VpcEndpoint = {
    ...base,
    service,
    serviceNameRaw,
    type,
    subnets: refList(prop(p, 'SubnetIds'), ctx, res, 'SubnetIds', EXPECT_SUBNET),
    securityGroups: refList(prop(p, 'SecurityGroupIds'), ctx, res, 'SecurityGroupIds', { expect: SECURITY_GROUP_TYPES }),
    privateDns: attrBooleanOr(prop(p, 'PrivateDnsEnabled'), file, defaulted(false, defaultSource(res, file, 'PrivateDnsEnabled'))),
    routeTables: refList(prop(p, 'RouteTableIds'), ctx, res, 'RouteTableIds', { expect: ['AWS::EC2::RouteTable'] }),
  };
  const vpc = prop(p, 'VpcId');
  if (vpc !== undefined) endpoint.vpc = entityRef(vpc, ctx, EXPECT_VPC);
  const policy = prop(p, 'PolicyDocument');
  if (policy !== undefined) endpoint.policy = policyDocument(policy, `${res.logicalId} endpoint policy`, file, defaultSource(res, file, 'PolicyDocument'));
  ctx.infra.vpcEndpoints.push(endpoint);
}
