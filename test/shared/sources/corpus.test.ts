// End to end over the third-party corpus: every CloudFormation-looking file goes through
// loadInfra together. Nothing may throw, and the totals must stay plausible.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceFile } from '../../../src/shared/sources/types.ts';
import { loadInfra } from '../../../src/shared/sources/index.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const CORPUS = join(REPO, '..', 'shared', 'corpus');

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.(json|ya?ml|template)$/i.test(name)) out.push(path);
  }
}

test('the whole corpus loads without throwing', { skip: !existsSync(CORPUS) && 'corpus not present' }, () => {
  const paths: string[] = [];
  walk(CORPUS, paths);
  const files: SourceFile[] = paths.map((p) => ({ path: relative(CORPUS, p).split('\\').join('/'), text: readFileSync(p, 'utf8') }));
  const infra = loadInfra(files);
  const counts = {
    files: files.length,
    stacks: infra.stacks.length,
    resources: infra.resources.length,
    services: infra.services.length,
    fargateServices: infra.services.filter((s) => s.fargate === true).length,
    taskDefinitions: infra.taskDefinitions.length,
    roles: infra.roles.length,
    securityGroups: infra.securityGroups.length,
    subnets: infra.subnets.length,
    vpcEndpoints: infra.vpcEndpoints.length,
    loadBalancers: infra.loadBalancers.length,
    unresolved: infra.unresolved.length,
    errors: infra.errors.length,
    internalErrors: infra.errors.filter((e) => e.message.includes('internal error')).length,
  };
  console.log(JSON.stringify(counts));
  assert.equal(counts.internalErrors, 0, infra.errors.filter((e) => e.message.includes('internal error')).map((e) => `${e.file}:${e.line} ${e.message}`).join('\n'));
  assert.ok(counts.stacks >= 300, `stacks ${counts.stacks}`);
  assert.ok(counts.services >= 40, `services ${counts.services}`);
  assert.ok(counts.fargateServices >= 25, `fargate services ${counts.fargateServices}`);
  assert.ok(counts.taskDefinitions >= 50, `task definitions ${counts.taskDefinitions}`);
  assert.ok(counts.vpcEndpoints >= 10, `endpoints ${counts.vpcEndpoints}`);
  // Known facts of real projects in the corpus (see CATALOG.md).
  const isolated = 'aws-samples__container-patterns/pattern/ecs-cluster-isolated-vpc-no-nat-gateway/files/';
  const endpoints = infra.vpcEndpoints.filter((e) => e.file === `${isolated}isolated-vpc.yml`);
  const describe = endpoints.map((e) => `${e.service.known ? e.service.value : '?'}:${e.type}:${e.privateDns.known ? e.privateDns.value : '?'}`).sort();
  assert.deepEqual(describe, [
    'ecr.api:Interface:true', 'ecr.dkr:Interface:true', 'logs:Interface:true', 's3:Gateway:false',
    'secretsmanager:Interface:true', 'ssm:Interface:true', 'ssmmessages:Interface:true',
  ]);
  const privateService = infra.services.find((s) => s.file === `${isolated}private-service.yml`);
  assert.ok(privateService);
  assert.equal(privateService.assignPublicIp.known && privateService.assignPublicIp.value, false);
  assert.equal(privateService.fargate, true);
  const publicWeb = infra.services.find((s) => s.file === 'aws-samples__container-patterns/pattern/public-facing-web-ecs-fargate-cloudformation/files/service.yml');
  assert.ok(publicWeb);
  assert.equal(publicWeb.assignPublicIp.known && publicWeb.assignPublicIp.value, true);
  // The parent stack passes the VPC stack's subnets: the service's subnets are the nested template's resources.
  assert.ok(publicWeb.subnets.items.every((r) => r.kind === 'resource' && r.id.includes('/vpc.yml#')), JSON.stringify(publicWeb.subnets.items));
  // Every entity id is unique across the corpus.
  const ids = infra.resources.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  // Errors carry a position.
  for (const e of infra.errors) assert.ok(e.file !== '' && e.line >= 1, JSON.stringify(e));
});
