import type { Rule } from '../types.ts';
import { rule as fw201 } from './FW201-public-ip.ts';
import { rule as fw202 } from './FW202-world-ingress.ts';
import { rule as fw203 } from './FW203-all-egress.ts';
import { rule as fw204 } from './FW204-lb-ingress-by-cidr.ts';
import { rule as fw205 } from './FW205-no-security-group.ts';
import { rule as fw206 } from './FW206-igw-subnet.ts';
import { rule as fw207 } from './FW207-subnet-capacity.ts';
import { rule as fw208 } from './FW208-datastore-cidr-ingress.ts';
import { rule as fw209 } from './FW209-no-flow-logs.ts';
import { rule as fw210 } from './FW210-plaintext-listener.ts';

/** FW2xx: who can reach each service and where it can go. */
export const networkRules: Rule[] = [fw201, fw202, fw203, fw204, fw205, fw206, fw207, fw208, fw209, fw210];
