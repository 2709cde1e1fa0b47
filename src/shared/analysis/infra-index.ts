import type { Entity, EntityRef, Infra, RefList, Role, SecurityGroup, Service, StackOutcome, Subnet, TaskDefinition } from '../model/index.ts';

export function emptyInfra(): Infra {
  return {
    stacks: [], clusters: [], services: [], taskDefinitions: [], roles: [], policies: [], securityGroups: [],
    vpcs: [], subnets: [], routeTables: [], natGateways: [], internetGateways: [], flowLogs: [], vpcEndpoints: [],
    loadBalancers: [], listeners: [], targetGroups: [], secrets: [], dataStores: [], resources: [], unresolved: [], errors: [],
  };
}

const ENTITY_LISTS = [
  'clusters', 'services', 'taskDefinitions', 'roles', 'policies', 'securityGroups', 'vpcs', 'subnets', 'routeTables',
  'natGateways', 'internetGateways', 'flowLogs', 'vpcEndpoints', 'loadBalancers', 'listeners', 'targetGroups', 'secrets', 'dataStores',
] as const;

const NO_SERVICES: readonly Service[] = [];

/** Look-ups over an Infra, built once per analysis. */
export class InfraIndex {
  readonly infra: Infra;
  private readonly byId = new Map<string, Entity>();
  /** Which model list each entity id belongs to, so typed look-ups are O(1). */
  private readonly listById = new Map<string, readonly Entity[]>();
  /** Built on first use: few questions need it, and indexing every declared resource up front is a visible share of an analysis. */
  private typeById: Map<string, string> | undefined;
  private roleUsers: Map<string, { task: Service[]; execution: Service[] }> | undefined;

  constructor(infra: Infra) {
    this.infra = infra;
    for (const list of ENTITY_LISTS) {
      const entities = infra[list] as Entity[];
      for (const entity of entities) {
        this.byId.set(entity.id, entity);
        this.listById.set(entity.id, entities);
      }
    }
  }

  entity(id: string): Entity | undefined {
    return this.byId.get(id);
  }

  /** The resource type (e.g. `AWS::EC2::SecurityGroup`) of an entity id, when declared. */
  resourceType(id: string): string | undefined {
    if (this.typeById === undefined) {
      this.typeById = new Map();
      for (const r of this.infra.resources) this.typeById.set(r.id, r.type);
    }
    return this.typeById.get(id);
  }

  /** The entity a reference names: declared in the files, or a stand-in for a group outside them (see SecurityGroup.external). */
  resolve<T extends Entity>(ref: EntityRef | undefined, list: readonly T[]): T | undefined {
    if (ref === undefined || ref.kind === 'unknown') return undefined;
    const id = ref.kind === 'resource' ? ref.id : ref.value;
    const found = this.byId.get(id);
    return found !== undefined && this.listById.get(id) === list ? (found as T) : undefined;
  }

  role(ref: EntityRef | undefined): Role | undefined {
    return this.resolve(ref, this.infra.roles);
  }

  taskDefinition(ref: EntityRef | undefined): TaskDefinition | undefined {
    return this.resolve(ref, this.infra.taskDefinitions);
  }

  securityGroup(ref: EntityRef | undefined): SecurityGroup | undefined {
    return this.resolve(ref, this.infra.securityGroups);
  }

  subnet(ref: EntityRef | undefined): Subnet | undefined {
    return this.resolve(ref, this.infra.subnets);
  }

  /** Resolved entities of a list; refs that point outside the files are skipped. */
  all<T extends Entity>(refs: RefList | EntityRef[], list: readonly T[]): T[] {
    const items = Array.isArray(refs) ? refs : refs.items;
    const out: T[] = [];
    for (const ref of items) {
      const found = this.resolve(ref, list);
      if (found !== undefined) out.push(found);
    }
    return out;
  }

  /** Services whose task definition uses the role as task role or execution role (shared: do not modify). */
  servicesUsingRole(roleId: string, as: 'task' | 'execution'): readonly Service[] {
    if (this.roleUsers === undefined) {
      this.roleUsers = new Map();
      for (const service of this.infra.services) {
        const td = this.taskDefinition(service.taskDefinition);
        for (const kind of ['task', 'execution'] as const) {
          const refs = kind === 'task' ? taskRoles(td).map((c) => c.role) : [td?.executionRole];
          for (const ref of refs) {
            if (ref?.kind !== 'resource') continue;
            let users = this.roleUsers.get(ref.id);
            if (users === undefined) this.roleUsers.set(ref.id, (users = { task: [], execution: [] }));
            users[kind].push(service);
          }
        }
      }
    }
    return this.roleUsers.get(roleId)?.[as] ?? NO_SERVICES;
  }
}

/**
 * A task definition's task role, or, when its TaskRoleArn is an `Fn::If` on a condition the files
 * do not decide, the role each outcome names, with that outcome: each is the task role of the
 * deployments of its outcome.
 */
export function taskRoles(td: TaskDefinition | undefined): { role: EntityRef; when?: StackOutcome }[] {
  if (td === undefined) return [];
  if (td.taskRoleChoices !== undefined) return td.taskRoleChoices;
  return td.taskRole === undefined ? [] : [{ role: td.taskRole }];
}

/** `<file>#<logicalId>`: the id scheme every source uses. */
export function entityId(file: string, logicalId: string): string {
  return `${file}#${logicalId}`;
}

export function refId(ref: EntityRef): string {
  return ref.kind === 'resource' ? ref.id : ref.kind === 'external' ? ref.value : `unknown(${ref.reason})`;
}
