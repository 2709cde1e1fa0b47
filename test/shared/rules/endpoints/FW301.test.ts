import { rule } from '../../../../src/shared/rules/endpoints/FW301-unreachable-service.ts';
import { entity, known, ref, src } from '../../../support/model.ts';
import { need, problem, ruleTable, servicePosture, subnet, unreachable } from '../../../support/endpoint-rules.ts';

ruleTable(rule, {
  valid: [
    { name: 'no services', scenario: {} },
    {
      name: 'every need covered',
      scenario: { services: [servicePosture('Api', { needs: [need('ecr.dkr', { covered: true, via: 'nat:Nat' }), need('logs', { covered: true, via: 'endpoint:Logs' })] })] },
    },
    {
      name: 'coverage unknown, even with a no-path problem',
      scenario: { services: [servicePosture('Api', { needs: [need('ecr.api', { covered: 'unknown', problems: [problem('no-path')] })] })] },
    },
    {
      name: 'not covered because of a broken endpoint (other rules report it)',
      scenario: { services: [servicePosture('Api', { needs: [need('logs', { problems: [problem('endpoint-private-dns', 'Logs')] })] })] },
    },
    {
      name: 'not covered, but the analysis gave no reason',
      scenario: { services: [servicePosture('Api', { needs: [need('logs')] })] },
    },
  ],
  invalid: [
    {
      name: 'start-up need: image pull from private ECR',
      scenario: { services: [servicePosture('Api', { key: 'orders-api', needs: [unreachable('ecr.dkr', 'startup', 'private ECR image')] })] },
      findings: [
        {
          severity: 'critical',
          resource: 'Api',
          service: 'orders-api',
          line: 100,
          message: [
            /^Service orders-api cannot reach ecr\.dkr/,
            /at start-up \(private ECR image\)/,
            /no route to the internet/,
            /CannotPullContainerError/,
            /Interface VPC endpoint com\.amazonaws\.<region>\.ecr\.dkr with private DNS/,
          ],
        },
      ],
    },
    {
      name: 'run-time need: the task role calls STS',
      scenario: { services: [servicePosture('Worker', { needs: [unreachable('sts', 'runtime', 'task role allows sts:AssumeRole')] })] },
      findings: [
        {
          severity: 'medium',
          resource: 'Worker',
          service: 'Worker',
          message: [/cannot reach sts, which its application calls at run time \(task role allows sts:AssumeRole\)/, /will time out/],
        },
      ],
    },
    {
      name: 'S3 for image layers: the hint is a gateway endpoint',
      scenario: { services: [servicePosture('Api', { needs: [unreachable('s3', 'startup', 'ECR image layers')] })] },
      findings: [
        {
          severity: 'critical',
          resource: 'Api',
          message: [/CannotPullContainerError while downloading image layers/, /Gateway VPC endpoint com\.amazonaws\.<region>\.s3 associated with the route tables/],
        },
      ],
    },
    {
      name: 'S3 for environment files only: the env-file error',
      scenario: { services: [servicePosture('Api', { needs: [unreachable('s3', 'startup', 'environment files')] })] },
      findings: [{ severity: 'critical', resource: 'Api', message: [/ResourceInitializationError: failed to download env files/] }],
    },
    {
      name: 'logs: the ECS error for a broken log driver',
      scenario: { services: [servicePosture('Api', { needs: [unreachable('logs', 'startup', 'awslogs log driver')] })] },
      findings: [{ severity: 'critical', resource: 'Api', message: [/failed to validate logger args/] }],
    },
    {
      name: 'one AWS service needed at start-up and at run time: one critical finding naming both reasons',
      scenario: {
        services: [
          servicePosture('Api', {
            needs: [unreachable('secretsmanager', 'runtime', 'task role calls GetSecretValue'), unreachable('secretsmanager', 'startup', 'secret DB_PASSWORD')],
          }),
        ],
      },
      findings: [{ severity: 'critical', resource: 'Api', message: [/\(secret DB_PASSWORD and task role calls GetSecretValue\)/] }],
    },
    {
      name: 'two AWS services unreachable: one finding each',
      scenario: { services: [servicePosture('Api', { needs: [unreachable('ecr.api'), unreachable('sqs', 'runtime')] })] },
      findings: [
        { severity: 'critical', resource: 'Api', message: [/reach ecr\.api/] },
        { severity: 'medium', resource: 'Api', message: [/reach sqs/] },
      ],
    },
    {
      name: 'two ECS services missing the same endpoint: one finding per service',
      scenario: { services: [servicePosture('Api', { needs: [unreachable('logs')] }), servicePosture('Worker', { needs: [unreachable('logs')] })] },
      findings: [
        { resource: 'Api', service: 'Api', severity: 'critical' },
        { resource: 'Worker', service: 'Worker', severity: 'critical' },
      ],
    },
    {
      name: 'internet gateway route without public IP',
      scenario: { services: [servicePosture('Api', { egress: 'igw', publicIp: known(false), needs: [unreachable('ecr.api')] })] },
      findings: [{ severity: 'critical', resource: 'Api', message: [/route to an internet gateway but its tasks get no public IP/] }],
    },
    {
      name: 'no way out because public IPs are off in subnets that route to an internet gateway: the route is named, not denied',
      scenario: {
        infra: {
          subnets: [{ ...subnet('PublicA', 'eu-west-1a'), routeTable: ref('PublicRoutes') }],
          routeTables: [
            {
              ...entity('PublicRoutes', 40),
              routes: [{ destination: known('0.0.0.0/0', 41), destinationKind: 'cidr4', target: 'igw', targetRef: ref('Igw'), source: src(41) }],
            },
          ],
        },
        services: [servicePosture('Api', { egress: 'none', publicIp: known(false), subnets: ['PublicA'], needs: [unreachable('ecr.api')] })],
      },
      findings: [{ severity: 'critical', resource: 'Api', message: [/its subnets route to an internet gateway but its tasks get no public IP/] }],
    },
    {
      name: 'one subnet routed through NAT and one with no default route: the one without is named',
      scenario: {
        infra: {
          subnets: [{ ...subnet('AppA', 'eu-west-1a'), routeTable: ref('NatRoutes') }, { ...subnet('AppB', 'eu-west-1b', 50), routeTable: ref('LocalRoutes') }],
          routeTables: [
            { ...entity('NatRoutes', 40), routes: [{ destination: known('0.0.0.0/0', 41), destinationKind: 'cidr4', target: 'nat', targetRef: ref('Nat'), source: src(41) }] },
            { ...entity('LocalRoutes', 60), routes: [] },
          ],
        },
        services: [servicePosture('Api', { egress: 'none', publicIp: known(false), subnets: ['AppA', 'AppB'], needs: [unreachable('ecr.api')] })],
      },
      findings: [{ severity: 'critical', resource: 'Api', message: [/its subnet AppB has no route to the internet, where ECS places tasks too \(its other subnets route through a NAT gateway\)/] }],
    },
    {
      name: 'Docker Hub image: no endpoint can serve it, so the hint is ECR or NAT, not an endpoint',
      scenario: { services: [servicePosture('Api', { needs: [unreachable('docker.io', 'startup', 'image from docker.io (no VPC endpoint)')] })] },
      findings: [
        {
          severity: 'critical',
          resource: 'Api',
          message: [/and no VPC endpoint can serve docker\.io/, /\(CannotPullContainerError\)/, /Copy the image into private ECR/],
        },
      ],
    },
    {
      name: 'IAM calls at run time: IAM has no VPC endpoint',
      scenario: { services: [servicePosture('Api', { needs: [unreachable('iam', 'runtime', 'task role permissions (iam); iam has no VPC endpoint')] })] },
      findings: [{ severity: 'medium', resource: 'Api', message: [/no VPC endpoint can serve iam/, /through a NAT gateway \(or a proxy\)/] }],
    },
    {
      name: 'duplicate needs (two containers, same image registry) give one finding and one reason',
      scenario: { services: [servicePosture('Api', { needs: [unreachable('ecr.dkr', 'startup', 'private ECR image'), unreachable('ecr.dkr', 'startup', 'private ECR image')] })] },
      findings: [{ severity: 'critical', resource: 'Api', message: [/\(private ECR image\):/] }],
    },
  ],
});
