import type { EntityRef, Infra, Role } from '../../../model/index.ts';

/**
 * ECS takes a task or execution role by "the short name or full ARN" as well as through
 * `!GetAtt Role.Arn`. A literal name, or an ARN written out (`arn:${AWS::Partition}:iam::
 * ${AWS::AccountId}:role/app-task-role`), names the scanned role whose RoleName it is: role names
 * are unique in an account whatever their path, and ECS only takes roles of the task's account.
 * Left external (outside the files) when no scanned role, or more than one in different files
 * with none in the task definition's own file, has that name.
 */
export function linkRolesByName(infra: Infra): void {
  const byName = new Map<string, Role[]>();
  for (const role of infra.roles) {
    if (role.roleName === undefined) continue;
    const list = byName.get(role.roleName);
    if (list === undefined) byName.set(role.roleName, [role]);
    else list.push(role);
  }
  if (byName.size === 0) return;
  const link = (ref: EntityRef | undefined, file: string): EntityRef | undefined => {
    if (ref?.kind !== 'external') return ref;
    const name = roleNameOf(ref.value);
    const candidates = name === undefined ? undefined : byName.get(name);
    if (candidates === undefined) return ref;
    const inFile = candidates.filter((r) => r.file === file);
    const role = inFile.length === 1 ? inFile[0] : inFile.length === 0 && candidates.length === 1 ? candidates[0] : undefined;
    return role === undefined ? ref : { kind: 'resource', id: role.id, source: ref.source };
  };
  for (const td of infra.taskDefinitions) {
    const taskRole = link(td.taskRole, td.file);
    if (taskRole !== undefined) td.taskRole = taskRole;
    const executionRole = link(td.executionRole, td.file);
    if (executionRole !== undefined) td.executionRole = executionRole;
  }
}

/** `app-task-role` from `app-task-role` or `arn:aws:iam::<account>:role/<path/>app-task-role`; undefined for anything else. */
export function roleNameOf(value: string): string | undefined {
  if (/^[\w+=,.@-]{1,64}$/.test(value)) return value;
  const arn = /^arn:(?:[\w-]+|\$\{AWS::Partition\}):iam::(?:\d*|\$\{AWS::AccountId\}):role\/(?:[^:]*\/)?([\w+=,.@-]{1,64})$/.exec(value);
  return arn?.[1];
}
