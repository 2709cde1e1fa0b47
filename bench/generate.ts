// Generates a realistic CloudFormation template with N Fargate services sharing one VPC:
// private subnets behind a NAT, an ALB, interface endpoints, and per service a task role with
// a scoped policy, an execution role, a security group, a task definition and autoscaling.
// Deterministic, so runs are comparable.

export interface GenerateOptions {
  services: number;
  /** Variation for diff benchmarks: 'base' or 'head' (head broadens a tenth of the services). */
  variant?: 'base' | 'head';
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const ref = (id: string): Json => ({ Ref: id });
const getAtt = (id: string, attr: string): Json => ({ 'Fn::GetAtt': [id, attr] });
const sub = (s: string): Json => ({ 'Fn::Sub': s });

export function generateTemplate(options: GenerateOptions): Record<string, Json> {
  const resources: Record<string, Json> = {};
  const head = options.variant === 'head';

  resources.Vpc = { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', EnableDnsHostnames: true, EnableDnsSupport: true } };
  resources.FlowLog = {
    Type: 'AWS::EC2::FlowLog',
    Properties: { ResourceId: ref('Vpc'), ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::flow-logs-bucket' },
  };
  resources.Igw = { Type: 'AWS::EC2::InternetGateway', Properties: {} };
  resources.IgwAttachment = { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: ref('Vpc'), InternetGatewayId: ref('Igw') } };
  for (const [i, az] of [0, 1].entries()) {
    resources[`PublicSubnet${i}`] = {
      Type: 'AWS::EC2::Subnet',
      Properties: { VpcId: ref('Vpc'), CidrBlock: `10.0.${i}.0/24`, AvailabilityZone: { 'Fn::Select': [az, { 'Fn::GetAZs': '' }] }, MapPublicIpOnLaunch: true },
    };
    resources[`PrivateSubnet${i}`] = {
      Type: 'AWS::EC2::Subnet',
      Properties: { VpcId: ref('Vpc'), CidrBlock: `10.0.${16 * (i + 1)}.0/20`, AvailabilityZone: { 'Fn::Select': [az, { 'Fn::GetAZs': '' }] } },
    };
    resources[`PrivateRouteTable${i}`] = { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref('Vpc') } };
    resources[`PrivateRoute${i}`] = {
      Type: 'AWS::EC2::Route',
      Properties: { RouteTableId: ref(`PrivateRouteTable${i}`), DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: ref(`Nat${i}`) },
    };
    resources[`PrivateAssoc${i}`] = {
      Type: 'AWS::EC2::SubnetRouteTableAssociation',
      Properties: { SubnetId: ref(`PrivateSubnet${i}`), RouteTableId: ref(`PrivateRouteTable${i}`) },
    };
    resources[`NatEip${i}`] = { Type: 'AWS::EC2::EIP', Properties: { Domain: 'vpc' } };
    resources[`Nat${i}`] = { Type: 'AWS::EC2::NatGateway', Properties: { SubnetId: ref(`PublicSubnet${i}`), AllocationId: getAtt(`NatEip${i}`, 'AllocationId') } };
  }
  resources.PublicRouteTable = { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref('Vpc') } };
  resources.PublicRoute = {
    Type: 'AWS::EC2::Route',
    Properties: { RouteTableId: ref('PublicRouteTable'), DestinationCidrBlock: '0.0.0.0/0', GatewayId: ref('Igw') },
  };
  const privateSubnets: Json = [ref('PrivateSubnet0'), ref('PrivateSubnet1')];

  resources.EndpointSg = {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: {
      GroupDescription: 'Interface endpoints',
      VpcId: ref('Vpc'),
      SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }],
      SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }],
    },
  };
  for (const svc of ['ecr.api', 'ecr.dkr', 'logs', 'secretsmanager']) {
    const id = `Endpoint${svc.replace(/[^a-z]/g, '')}`;
    resources[id] = {
      Type: 'AWS::EC2::VPCEndpoint',
      Properties: {
        ServiceName: sub(`com.amazonaws.\${AWS::Region}.${svc}`),
        VpcEndpointType: 'Interface',
        VpcId: ref('Vpc'),
        SubnetIds: privateSubnets,
        SecurityGroupIds: [ref('EndpointSg')],
        PrivateDnsEnabled: true,
      },
    };
  }
  resources.S3Endpoint = {
    Type: 'AWS::EC2::VPCEndpoint',
    Properties: {
      ServiceName: sub('com.amazonaws.${AWS::Region}.s3'),
      VpcEndpointType: 'Gateway',
      VpcId: ref('Vpc'),
      RouteTableIds: [ref('PrivateRouteTable0'), ref('PrivateRouteTable1')],
    },
  };

  resources.AlbSg = {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: {
      GroupDescription: 'ALB',
      VpcId: ref('Vpc'),
      SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }],
      SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, CidrIp: '10.0.0.0/16' }],
    },
  };
  resources.Alb = {
    Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    Properties: { Scheme: 'internet-facing', Subnets: [ref('PublicSubnet0'), ref('PublicSubnet1')], SecurityGroups: [ref('AlbSg')] },
  };
  resources.Cluster = { Type: 'AWS::ECS::Cluster', Properties: { ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }] } };
  resources.ExecutionRole = {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: trust(),
      ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'],
    },
  };

  for (let i = 0; i < options.services; i++) {
    const name = `Svc${i}`;
    const broaden = head && i % 10 === 0;
    resources[`${name}Queue`] = { Type: 'AWS::SQS::Queue', Properties: {} };
    resources[`${name}TaskRole`] = {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: trust(),
        Policies: [
          {
            PolicyName: 'app',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage'], Resource: getAtt(`${name}Queue`, 'Arn') },
                { Effect: 'Allow', Action: broaden ? ['s3:*'] : ['s3:GetObject'], Resource: broaden ? '*' : 'arn:aws:s3:::assets-bucket/*' },
              ],
            },
          },
        ],
      },
    };
    resources[`${name}Sg`] = {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: `${name} tasks`,
        VpcId: ref('Vpc'),
        SecurityGroupIngress: [
          broaden
            ? { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, CidrIp: '0.0.0.0/0' }
            : { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: ref('AlbSg') },
        ],
        SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }],
      },
    };
    resources[`${name}Logs`] = { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } };
    resources[`${name}TaskDef`] = {
      Type: 'AWS::ECS::TaskDefinition',
      Properties: {
        Family: name.toLowerCase(),
        Cpu: '256',
        Memory: '512',
        NetworkMode: 'awsvpc',
        RequiresCompatibilities: ['FARGATE'],
        TaskRoleArn: getAtt(`${name}TaskRole`, 'Arn'),
        ExecutionRoleArn: getAtt('ExecutionRole', 'Arn'),
        ContainerDefinitions: [
          {
            Name: 'app',
            Image: sub(`\${AWS::AccountId}.dkr.ecr.\${AWS::Region}.amazonaws.com/${name.toLowerCase()}:latest`),
            PortMappings: [{ ContainerPort: 8080 }],
            LogConfiguration: { LogDriver: 'awslogs', Options: { 'awslogs-group': ref(`${name}Logs`), 'awslogs-region': ref('AWS::Region'), 'awslogs-stream-prefix': 'app' } },
          },
        ],
      },
    };
    resources[`${name}TargetGroup`] = {
      Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
      Properties: { Port: 8080, Protocol: 'HTTP', TargetType: 'ip', VpcId: ref('Vpc') },
    };
    // Each service's target group is forwarded to by the shared listener (ECS attaches a target group only once a load balancer forwards to it).
    if (i > 0) {
      resources[`${name}ListenerRule`] = {
        Type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
        Properties: {
          ListenerArn: ref('Listener'),
          Priority: i,
          Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: [`/svc-${i}/*`] } }],
          Actions: [{ Type: 'forward', TargetGroupArn: ref(`${name}TargetGroup`) }],
        },
      };
    }
    resources[`${name}Service`] = {
      Type: 'AWS::ECS::Service',
      Properties: {
        ServiceName: `svc-${i}`,
        Cluster: ref('Cluster'),
        LaunchType: 'FARGATE',
        DesiredCount: 2,
        TaskDefinition: ref(`${name}TaskDef`),
        NetworkConfiguration: {
          AwsvpcConfiguration: { AssignPublicIp: broaden ? 'ENABLED' : 'DISABLED', Subnets: privateSubnets, SecurityGroups: [ref(`${name}Sg`)] },
        },
        LoadBalancers: [{ ContainerName: 'app', ContainerPort: 8080, TargetGroupArn: ref(`${name}TargetGroup`) }],
      },
    };
    resources[`${name}Scaling`] = {
      Type: 'AWS::ApplicationAutoScaling::ScalableTarget',
      Properties: {
        MaxCapacity: 10,
        MinCapacity: 2,
        ResourceId: { 'Fn::Join': ['/', ['service', ref('Cluster'), getAtt(`${name}Service`, 'Name')]] },
        ScalableDimension: 'ecs:service:DesiredCount',
        ServiceNamespace: 'ecs',
      },
    };
  }
  resources.Listener = {
    Type: 'AWS::ElasticLoadBalancingV2::Listener',
    Properties: {
      LoadBalancerArn: ref('Alb'),
      Port: 443,
      Protocol: 'HTTPS',
      Certificates: [{ CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/bench' }],
      DefaultActions: [{ Type: 'forward', TargetGroupArn: ref('Svc0TargetGroup') }],
    },
  };
  return { AWSTemplateFormatVersion: '2010-09-09', Description: `fargate-warden bench: ${options.services} services`, Resources: resources };
}

function trust(): Json {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'ecs-tasks.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } },
      },
    ],
  };
}
