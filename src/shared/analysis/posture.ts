import type { Infra, Posture } from '../model/index.ts';
import type { IamCatalog, ManagedPolicySource } from './catalog.ts';
import { InfraIndex } from './infra-index.ts';
import { computePermissions } from './permissions.ts';
import { analyzeServices } from './services.ts';

export interface AnalysisDeps {
  catalog: IamCatalog;
  managedPolicies: ManagedPolicySource;
}

/** Infra → Posture: effective permissions per role, then reachability, needs and coverage per service. */
export function buildPosture(infra: Infra, deps: AnalysisDeps): { posture: Posture; index: InfraIndex } {
  const index = new InfraIndex(infra);
  const permissions = computePermissions(infra, index, deps.catalog, deps.managedPolicies);
  const services = analyzeServices(infra, index, permissions);
  return { posture: { infra, permissions, services }, index };
}
