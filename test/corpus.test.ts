// The whole engine over the whole third-party corpus (../shared/corpus), in process and in one
// run, through the CLI's path (collectFiles → scan with the shipped catalog and managed-policy
// snapshot). Nothing may crash or report an internal error, every error must point at a file and
// line, and known facts of real projects (see the corpus' CATALOG.md) must come out as findings.
// `npm run corpus` prints the measured numbers; this test pins what must hold.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultConfig } from '../src/shared/config/index.ts';
import { INTERNAL_FILE, scan, type ScanResult } from '../src/shared/engine.ts';
import { collectFiles } from '../src/shared/io/walk.ts';
import { loadIamCatalog } from '../src/shared/io/iam-catalog.ts';
import { loadManagedPolicies } from '../src/shared/io/managed-policies.ts';

const REPO = resolve(import.meta.dirname, '..');
const CORPUS = resolve(REPO, '..', 'shared', 'corpus');
const PATTERNS = 'aws-samples__container-patterns/pattern/';

describe('the whole corpus through the engine', { skip: existsSync(CORPUS) ? false : `corpus not found at ${CORPUS}` }, () => {
  let result: ScanResult;
  let considered = 0;

  before(() => {
    // cwd = the corpus, so report paths are corpus-relative, as CATALOG.md names them.
    const collected = collectFiles(['.'], { cwd: CORPUS });
    considered = collected.files.length;
    result = scan(collected.files, { catalog: loadIamCatalog(), managedPolicies: loadManagedPolicies() }, defaultConfig(), { inputErrors: collected.errors });
  });

  const findingsIn = (prefix: string) => result.findings.filter((f) => f.file.startsWith(prefix));
  const rulesIn = (prefix: string) => findingsIn(prefix).map((f) => `${f.ruleId} ${f.resource}`).sort();

  it('reads every template and reports no error at all (no internal error, no resolver problem as an input error)', () => {
    assert.ok(considered >= 450, `only ${considered} files considered`);
    assert.equal(result.infra.stacks.length, considered, 'every file the walk kept is a template');
    assert.deepEqual(result.errors.filter((e) => e.file === INTERNAL_FILE || /internal error/.test(e.message)), []);
    for (const e of result.errors) assert.ok(e.file !== '' && e.line >= 1, `error without a position: ${JSON.stringify(e)}`);
    // The KICS fixtures are snippets full of Refs to names they never declare: unknown, not errors.
    // Their only errors are rule values EC2 refuses (`127.0.0.1/33`, `FromPort: 80, ToPort: 0`).
    const refused = /^\w+: (CidrIp '127\.0\.0\.1\/33' is not an IPv4 CIDR|FromPort \d+ is greater than ToPort \d+), which EC2 does not accept/;
    assert.deepEqual(result.errors.filter((e) => !e.file.startsWith('Checkmarx__kics/') || !refused.test(e.message)), []);
    assert.equal(result.errors.length, 18);
    assert.ok(result.infra.unresolved.some((u) => u.file.startsWith('Checkmarx__kics/') && /^Ref to \S+, which is neither a parameter nor a resource/.test(u.reason)));
  });

  it('finds the corpus services, and says where every finding is', () => {
    assert.ok(result.services.length >= 80, `services: ${result.services.length}`);
    assert.ok(result.infra.services.filter((s) => s.fargate === true).length >= 30);
    assert.ok(result.findings.length > 100, `findings: ${result.findings.length}`);
    for (const f of result.findings) assert.ok(f.file !== '' && f.line >= 1 && f.message !== '', JSON.stringify(f));
  });

  it('isolated VPC without NAT (container-patterns): the service reaches what it needs through endpoints, no FW301', () => {
    const dir = `${PATTERNS}ecs-cluster-isolated-vpc-no-nat-gateway/files/`;
    const service = result.services.find((s) => s.file === `${dir}private-service.yml`);
    assert.ok(service, 'the private service is found');
    assert.equal(service.publicIp, false);
    assert.equal(service.egress, 'endpoints-only');
    assert.ok(service.needs.length > 0);
    for (const need of service.needs) {
      assert.equal(need.covered, true, `${need.service} covered`);
      assert.match(need.via ?? '', /^endpoint:/, `${need.service} via an endpoint`);
    }
    // The image is a parameter without default, so no ECR need is inferred; the logs endpoint covers awslogs.
    assert.deepEqual(service.needs.map((n) => `${n.service} ${n.via}`), ['logs endpoint:CloudWatchLogsEndpoint']);
    assert.deepEqual(rulesIn(dir), [
      'FW203 ServiceSecurityGroup', // no egress declared: CloudFormation's implicit allow-all
      'FW209 VPC', // no flow logs
      'FW308 EcrApiEndpoint', // ECR endpoints without a policy limiting them to the account
      'FW308 EcrDkrEndpoint',
    ]);
  });

  it('public-facing patterns assign public IPs (FW201); the NAT-backed ones do not', () => {
    // CATALOG.md: "AssignPublicIp ENABLED in public subnets" in these container patterns.
    const publicPatterns = [
      'public-facing-web-ecs-fargate-cloudformation', 'api-gateway-fargate-cloudformation', 'bun-js-aws-sdk-container',
      'nginx-reverse-proxy-sidecar-ecs-fargate-task', 'sam-fargate', 'task-definition-across-ec2-and-fargate',
      'split-traffic-between-ec2-fargate-with-cloudformation', 'cloudformation-ecs-durable-task-storage-with-efs',
    ];
    for (const pattern of publicPatterns) {
      assert.ok(findingsIn(`${PATTERNS}${pattern}/`).some((f) => f.ruleId === 'FW201' && f.severity === 'high'), `FW201 in ${pattern}`);
    }
    const web = `${PATTERNS}public-facing-web-ecs-fargate-cloudformation/files/`;
    assert.deepEqual(rulesIn(web), ['FW201 Service', 'FW203 ServiceSecurityGroup', 'FW206 Service', 'FW209 VPC', 'FW210 PublicLoadBalancerListener']);
    // "Private subnets + NAT, AssignPublicIp DISABLED".
    for (const pattern of ['public-facing-api-ecs-fargate-cloudformation', 'service-discovery-fargate-microservice-cloud-map']) {
      const services = result.services.filter((s) => s.file.startsWith(`${PATTERNS}${pattern}/`));
      assert.ok(services.length > 0, pattern);
      for (const s of services) {
        assert.deepEqual([s.publicIp, s.egress], [false, 'nat'], `${pattern} ${s.resource}`);
        assert.ok(s.needs.every((n) => n.covered === true && n.via?.startsWith('nat:')), `${pattern}: needs covered through NAT`);
      }
      assert.ok(!findingsIn(`${PATTERNS}${pattern}/`).some((f) => f.ruleId === 'FW201' || f.ruleId === 'FW301'), pattern);
    }
  });
});
