export type * from './source.ts';
export type * from './infra.ts';
export type * from './posture.ts';
export * from './finding.ts';
export * from './conditions.ts';
export * from './outcomes.ts';
