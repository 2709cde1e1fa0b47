// Every CloudFormation template of the shared third-party corpus must parse and resolve without
// an exception. The corpus lives outside the repository (../shared/corpus); it is read, never copied.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { looksLikeCloudFormation } from '../../../../src/shared/sources/cloudformation/detect.ts';
import { parseTemplate } from '../../../../src/shared/sources/cloudformation/parse.ts';
import type { ParsedTemplate } from '../../../../src/shared/sources/cloudformation/parse.ts';
import { resolveTemplate, resolveTemplates } from '../../../../src/shared/sources/cloudformation/resolve.ts';
import { plain, propertyAt } from '../../../support/cloudformation.ts';

const corpus = fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url));

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...files(path));
    else out.push(path);
  }
  return out;
}

describe('third-party corpus', { skip: existsSync(corpus) ? false : `corpus not found at ${corpus}` }, () => {
  const templates: ParsedTemplate[] = [];
  let detected = 0;

  it('parses every CloudFormation template, or fails with a located ParseFailure', () => {
    for (const path of files(corpus)) {
      const text = readFileSync(path, 'utf8');
      const file = relative(corpus, path);
      if (!looksLikeCloudFormation(file, text)) continue;
      detected++;
      const result = parseTemplate(file, text);
      if (result.ok) templates.push(result);
      else assert.ok(result.error.line >= 1 && result.error.column >= 1 && result.error.message !== '', file);
    }
    // 486 templates at the corpus' catalogued commit (CATALOG.md); all of them parse today.
    assert.ok(detected >= 450, `only ${detected} templates detected`);
    assert.equal(templates.length, detected);
  });

  it('resolves each template alone and all of them together', () => {
    let resources = 0;
    for (const p of templates) {
      const resolved = resolveTemplate(p);
      resources += resolved.resources.size;
      for (const u of resolved.unresolved) assert.ok(u.loc.line >= 1 && u.loc.path !== '', p.file);
    }
    assert.ok(resources > 2000, `only ${resources} resources`);
    const together = resolveTemplates(templates);
    assert.equal(together.length, templates.length);
  });

  it('links the nested stacks of a SAM parent to their templates (container-patterns)', () => {
    const dir = 'aws-samples__container-patterns/pattern/api-gateway-fargate-cloudformation/files/';
    const family = templates.filter((t) => t.file.startsWith(dir));
    assert.ok(family.length >= 5);
    const service = resolveTemplates(family).find((t) => t.file === `${dir}service.yml`)!;
    assert.deepEqual(plain(propertyAt(service, 'Service', 'NetworkConfiguration.AwsvpcConfiguration.Subnets')), [
      `!Ref PublicSubnetOne @${dir}vpc.yml`,
      `!Ref PublicSubnetTwo @${dir}vpc.yml`,
    ]);
    assert.equal(plain(propertyAt(service, 'Service', 'Cluster')), `!Ref ECSCluster @${dir}cluster.yml`);
  });
});
