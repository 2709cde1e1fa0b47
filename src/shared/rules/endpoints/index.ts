import type { Rule } from '../types.ts';
import { rule as FW301 } from './FW301-unreachable-service.ts';
import { rule as FW302 } from './FW302-endpoint-missing-az.ts';
import { rule as FW303 } from './FW303-endpoint-private-dns.ts';
import { rule as FW304 } from './FW304-endpoint-sg-ingress.ts';
import { rule as FW305 } from './FW305-task-sg-egress.ts';
import { rule as FW306 } from './FW306-gateway-route-table.ts';
import { rule as FW307 } from './FW307-endpoint-policy.ts';
import { rule as FW308 } from './FW308-ecr-endpoint-unrestricted.ts';

/** Endpoint coverage rules, in ID order. */
export const endpointRules: Rule[] = [FW301, FW302, FW303, FW304, FW305, FW306, FW307, FW308];
