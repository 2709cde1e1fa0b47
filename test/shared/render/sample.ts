// A hand-built ScanResult for renderer tests: two services (one with findings, one clean),
// a finding tied to no service, a suppressed finding, an input error and an unresolved value.
import type { Finding, Service, ServicePosture } from '../../../src/shared/model/index.ts';
import type { ScanResult, ServiceSummary } from '../../../src/shared/engine.ts';
import { entity, infra, known, refs, ref } from '../../support/model.ts';

export function service(logicalId: string, key: string, line: number, file = 'template.yaml'): Service {
  return {
    ...entity(logicalId, line, file),
    key,
    stableKey: key,
    launchType: known('FARGATE'),
    fargate: true,
    desiredCount: known(2),
    taskDefinition: ref('TaskDef'),
    assignPublicIp: known(false),
    subnets: refs('PrivateA'),
    securityGroups: refs('ApiSg'),
    enableExecuteCommand: known(false),
    loadBalancers: [],
  };
}

export function servicePosture(s: Service, overrides: Partial<ServicePosture> = {}): ServicePosture {
  return {
    serviceId: s.id,
    key: s.key,
    publicIp: known(false),
    subnets: [],
    securityGroupIds: [],
    egress: 'nat',
    internetIngress: false,
    ingress: [],
    needs: [],
    ...overrides,
  };
}

export function finding(parts: Partial<Finding> & Pick<Finding, 'ruleId' | 'resource'>): Finding {
  return {
    severity: 'high',
    resourceId: `template.yaml#${parts.resource}`,
    file: 'template.yaml',
    line: 1,
    message: `${parts.ruleId} message`,
    ...parts,
  };
}

export function sampleResult(): ScanResult {
  const api = service('ApiService', 'orders-api', 40);
  const worker = service('WorkerService', 'WorkerService', 80);
  const model = infra({
    services: [api, worker],
    unresolved: [{ file: 'template.yaml', line: 7, path: 'Parameters.VpcId', reason: 'parameter VpcId has no default' }],
  });
  const services: ServiceSummary[] = [
    {
      key: 'orders-api', resource: 'ApiService', file: 'template.yaml', taskRole: 'TaskRole', executionRole: 'ExecRole', publicIp: true,
      subnets: ['PublicA', 'PublicB'], subnetsUnknown: null, egress: 'igw',
      needs: [
        { service: 'ecr.api', reason: 'private ECR image', covered: true, via: 'igw' },
        { service: 'dynamodb', reason: 'task role calls dynamodb', covered: false, via: null },
        { service: 'logs', reason: 'awslogs', covered: 'unknown', via: null },
      ],
    },
    { key: 'WorkerService', resource: 'WorkerService', file: 'template.yaml', taskRole: null, executionRole: 'ExecRole', publicIp: false, subnets: ['PrivateA'], subnetsUnknown: null, egress: 'nat', needs: [] },
  ];
  const findings: Finding[] = [
    finding({ ruleId: 'FW201', resource: 'ApiService', service: 'orders-api', line: 45, message: 'Service ApiService assigns a public IP to every task.' }),
    finding({ ruleId: 'FW203', severity: 'medium', resource: 'ApiSg', service: 'orders-api', line: 20, message: 'ApiSg allows all outbound traffic.', cdkPath: 'Stack/ApiSg/Resource' }),
    finding({ ruleId: 'FW209', severity: 'low', resource: 'Vpc', line: 3, message: 'VPC Vpc has no flow logs.' }),
    finding({ ruleId: 'FW202', resource: 'ProxySg', service: 'orders-api', line: 25, message: 'ProxySg admits 0.0.0.0/0.', suppressed: { reason: 'reviewed in SEC-1', by: 'config' } }),
  ];
  return {
    infra: model,
    posture: { infra: model, permissions: new Map(), services: [servicePosture(api, { internetIngress: true }), servicePosture(worker)] },
    findings,
    errors: [{ file: 'broken.yaml', line: 3, column: 5, message: 'invalid YAML: bad indentation' }],
    services,
  };
}

