import type { Entity, Infra } from '../../model/index.ts';
import { emptyInfra, entityId } from '../../analysis/infra-index.ts';
import type { ResolvedResource, ResolvedTemplate } from './resolved.ts';
import { type AdaptContext, type Declaration, type TemplateMeta, emptyPending, entityBase, withCdkFields } from './adapt/common.ts';
import { adaptScalableTarget } from './adapt/autoscaling.ts';
import { DATA_STORE_SHAPES, adaptDataStore } from './adapt/data-stores.ts';
import { adaptCluster, adaptService, adaptTaskDefinition } from './adapt/ecs.ts';
import { adaptVpcEndpoint } from './adapt/endpoints.ts';
import { adaptPolicy, adaptRole } from './adapt/iam.ts';
import { linkPending } from './adapt/link.ts';
import { linkRolesByName } from './adapt/role-names.ts';
import { adaptListener, adaptListenerRule, adaptLoadBalancer, adaptTargetGroup } from './adapt/load-balancers.ts';
import {
  adaptFlowLog, adaptGatewayAttachment, adaptInternetGateway, adaptNatGateway, adaptRoute, adaptRouteTable, adaptSubnet,
  adaptSubnetRouteTableAssociation, adaptVpc, adaptVpcCidrBlock, adaptNetworkAcl, adaptNetworkAclEntry, adaptSubnetNetworkAclAssociation,
} from './adapt/network.ts';
import { adaptSecret } from './adapt/secrets.ts';
import { adaptSecurityGroup, adaptStandaloneRule } from './adapt/security-groups.ts';

export type { TemplateMeta } from './adapt/common.ts';

type Adapter = (res: ResolvedResource, base: Entity, ctx: AdaptContext) => void;

// A Map: resource types come from the parsed text, and a Map looks such strings up by their hash
// where an object's properties would first need each one interned.
const ADAPTERS = new Map<string, Adapter>(Object.entries({
  'AWS::ECS::Cluster': adaptCluster,
  'AWS::ECS::Service': adaptService,
  'AWS::ECS::TaskDefinition': adaptTaskDefinition,
  'AWS::IAM::Role': adaptRole,
  'AWS::IAM::Policy': adaptPolicy,
  'AWS::IAM::ManagedPolicy': adaptPolicy,
  'AWS::IAM::RolePolicy': adaptPolicy,
  'AWS::EC2::SecurityGroup': adaptSecurityGroup,
  'AWS::EC2::SecurityGroupIngress': adaptStandaloneRule,
  'AWS::EC2::SecurityGroupEgress': adaptStandaloneRule,
  'AWS::EC2::VPC': adaptVpc,
  'AWS::EC2::VPCCidrBlock': adaptVpcCidrBlock,
  'AWS::EC2::Subnet': adaptSubnet,
  'AWS::EC2::RouteTable': adaptRouteTable,
  'AWS::EC2::Route': adaptRoute,
  'AWS::EC2::SubnetRouteTableAssociation': adaptSubnetRouteTableAssociation,
  'AWS::EC2::NetworkAcl': adaptNetworkAcl,
  'AWS::EC2::NetworkAclEntry': adaptNetworkAclEntry,
  'AWS::EC2::SubnetNetworkAclAssociation': adaptSubnetNetworkAclAssociation,
  'AWS::EC2::InternetGateway': adaptInternetGateway,
  'AWS::EC2::VPCGatewayAttachment': adaptGatewayAttachment,
  'AWS::EC2::NatGateway': adaptNatGateway,
  'AWS::EC2::FlowLog': adaptFlowLog,
  'AWS::EC2::VPCEndpoint': adaptVpcEndpoint,
  'AWS::ElasticLoadBalancingV2::LoadBalancer': adaptLoadBalancer,
  'AWS::ElasticLoadBalancing::LoadBalancer': adaptLoadBalancer,
  'AWS::ElasticLoadBalancingV2::Listener': adaptListener,
  'AWS::ElasticLoadBalancingV2::ListenerRule': adaptListenerRule,
  'AWS::ElasticLoadBalancingV2::TargetGroup': adaptTargetGroup,
  'AWS::ApplicationAutoScaling::ScalableTarget': adaptScalableTarget,
  'AWS::SecretsManager::Secret': adaptSecret,
  'AWS::SSM::Parameter': adaptSecret,
  ...Object.fromEntries(Object.keys(DATA_STORE_SHAPES).map((type) => [type, adaptDataStore])),
}));

/** The logical ID a value's path is inside of, for `Resources.<id>.…` paths. */
const RESOURCE_OF_PATH = /^Resources\.([^.[]+)/;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Builds the model from resolved templates. All templates are adapted together because a stack
 * may span files: a standalone rule, route or listener rule can modify an entity declared in
 * another template (through exports), and links are made once everything is known.
 */
export function adaptTemplates(templates: readonly ResolvedTemplate[], meta: ReadonlyMap<string, TemplateMeta> = new Map(), infra: Infra = emptyInfra()): Infra {
  const declarations = new Map<string, Map<string, Declaration>>();
  const byFile = new Map<string, ResolvedTemplate>();
  for (const template of templates) {
    byFile.set(template.file, template);
    const declared = new Map<string, Declaration>();
    // forEach rather than for…of over the large resource maps: no iterator result per resource.
    template.resources.forEach((res) => declared.set(res.logicalId, { id: entityId(template.file, res.logicalId), type: res.type }));
    declarations.set(template.file, declared);
  }
  const pending = emptyPending();
  const seenUnresolved = new Set(infra.unresolved.map((u) => `${u.file}\u0000${u.line}\u0000${u.path}\u0000${u.reason}`));

  for (const template of templates) {
    const file = template.file;
    const templateMeta = meta.get(file);
    infra.stacks.push({
      id: file,
      file,
      ...(templateMeta?.stackName !== undefined ? { name: templateMeta.stackName } : {}),
      format: template.format === 'json' ? 'cloudformation-json' : 'cloudformation-yaml',
      text: template.text,
      ...(templateMeta?.environment !== undefined ? { environment: templateMeta.environment } : {}),
    });
    const ctx: AdaptContext = { template, infra, pending, declarations, declared: declarations.get(file)!, templates: byFile, ...(templateMeta !== undefined ? { meta: templateMeta } : {}) };
    template.resources.forEach((res) => {
      try {
        const base = entityBase(res, ctx);
        infra.resources.push(withCdkFields({
          id: base.id, logicalId: base.logicalId, file: base.file, stackId: base.stackId, source: base.source, range: base.range, suppressions: base.suppressions,
          type: res.type,
        }, base));
        ADAPTERS.get(res.type)?.(res, base, ctx);
      } catch (error) {
        // A bug in one adapter must not cost the user the rest of the scan.
        infra.errors.push({ file, line: res.loc.line, column: res.loc.column, message: `internal error reading ${res.logicalId} (${res.type}): ${message(error)}; please report this` });
      }
    });
    const addUnresolved = (entry: { file: string; line: number; path: string; reason: string }): void => {
      const key = `${entry.file}\u0000${entry.line}\u0000${entry.path}\u0000${entry.reason}`;
      if (seenUnresolved.has(key)) return;
      seenUnresolved.add(key);
      const type = ctx.declared.get(RESOURCE_OF_PATH.exec(entry.path)?.[1] ?? '')?.type;
      infra.unresolved.push(type === undefined || ADAPTERS.has(type) ? entry : { ...entry, unread: true });
    };
    for (const u of template.unresolved) addUnresolved({ file, line: u.loc.line, path: u.loc.path, reason: u.reason });
    for (const problem of template.problems) {
      if (problem.kind === 'internal') {
        infra.errors.push({ file, line: problem.loc.line, column: problem.loc.column, message: `internal error: ${problem.message}; please report this` });
      } else if (problem.kind === 'structure') {
        // Part of the file is not shaped like a template and was not read: the file failed to parse.
        infra.errors.push({ file, line: problem.loc.line, column: problem.loc.column, message: problem.message });
      } else {
        // A value the template does not define (a Ref to an undeclared name, bad intrinsic
        // arguments): the file was read, that value is unknown. Input errors are for files that
        // cannot be read or parsed (DESIGN.md), so this does not make the scan exit 2.
        addUnresolved({ file, line: problem.loc.line, path: problem.loc.path, reason: problem.message });
      }
    }
  }

  try {
    linkPending(infra, pending, declarations);
    linkRolesByName(infra);
  } catch (error) {
    infra.errors.push({ file: templates[0]?.file ?? '', line: 1, message: `internal error linking resources across templates: ${message(error)}; please report this` });
  }
  return infra;
}
