import type { Rule } from '../types.ts';
import { rule as fw101 } from './FW101-admin-task-role.ts';
import { rule as fw102 } from './FW102-privilege-escalation.ts';
import { rule as fw103 } from './FW103-star-resource.ts';
import { rule as fw104 } from './FW104-wildcard-actions.ts';
import { rule as fw105 } from './FW105-shared-task-role.ts';
import { rule as fw106 } from './FW106-execution-role-app-permissions.ts';
import { rule as fw107 } from './FW107-execution-role-cannot-start.ts';
import { rule as fw108 } from './FW108-exec-without-ssmmessages.ts';
import { rule as fw109 } from './FW109-trust-policy.ts';

/** FW1xx: what each service's code (task role) and the ECS agent (execution role) can do. */
export const iamRules: Rule[] = [fw101, fw102, fw103, fw104, fw105, fw106, fw107, fw108, fw109];
