// The template `npm run bench` gives `fargate-warden fix`: the nat-worker fix scenario
// (test/fixtures/fixes/nat-worker.yaml: a queue worker behind a NAT that still asks for a public
// IP, with allow-all egress) with its network once and its service N times, each copy's resources
// and ServiceName numbered. Every copy has the scenario's fixes (FW201, FW203 for IPv4 and IPv6), so
// a template of N services asks for 3N verifications, each a re-scan of the whole file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURE = join(import.meta.dirname, '..', 'test', 'fixtures', 'fixes', 'nat-worker.yaml');
/** The first resource of the service's part; everything above it is the shared network. */
const FIRST_SERVICE_RESOURCE = '    WorkerSg:\n';

export function generateFixTemplate(services: number): string {
  const fixture = readFileSync(FIXTURE, 'utf8');
  const at = fixture.indexOf(`\n${FIRST_SERVICE_RESOURCE}`) + 1;
  if (at === 0) throw new Error(`${FIXTURE} no longer has ${FIRST_SERVICE_RESOURCE.trim()}: update bench/generate-fix.ts`);
  const service = fixture.slice(at).replace(/\n*$/, '\n');
  const names = [...service.matchAll(/^ {4}([A-Za-z0-9]+):$/gm)].map((m) => m[1]);
  // Declarations (keys of Resources) and references (`!Ref X`, `!GetAtt X.Attr`), not property
  // keys: the task definition resource and the service's TaskDefinition property share a name.
  const declaredOrReferenced = new RegExp(`^( {4})(${names.join('|')}):$|(!Ref |!GetAtt )(${names.join('|')})\\b`, 'gm');
  const copies = Array.from({ length: services }, (_, i) =>
    service
      .replace(declaredOrReferenced, (_m, indent?: string, declared?: string, tag?: string, referenced?: string) => (declared !== undefined ? `${indent}${declared}${i}:` : `${tag}${referenced}${i}`))
      .replace(/ServiceName: (\S+)/, `ServiceName: s${i}-$1`),
  );
  return fixture.slice(0, at) + copies.join('\n');
}
