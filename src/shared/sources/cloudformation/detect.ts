/**
 * Cheap test run on every file of a directory scan before anything is parsed: a file is a
 * CloudFormation template when it has a template extension and declares either
 * `AWSTemplateFormatVersion` or a `Resources` section with an `AWS::`/`Custom::`/`Alexa::` type.
 * Files that other tools own (npm, TypeScript, CDK app config, cloud assembly metadata, GitHub
 * workflows, Kubernetes manifests) are refused by name or shape even if they mention those words.
 */
const TEMPLATE_EXTENSION = /\.(json|ya?ml|template)$/i;

const NOT_TEMPLATES = new Set([
  'package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'composer.json', 'cdk.json', 'cdk.context.json',
  'manifest.json', 'tree.json', 'tsconfig.json', 'jsconfig.json', 'pnpm-lock.yaml', 'docker-compose.yml',
  'docker-compose.yaml', 'compose.yml', 'compose.yaml', '.pre-commit-config.yaml', 'dependabot.yml', '.gitlab-ci.yml',
]);

/** Cloud assembly side files sit next to templates in `cdk.out` and never hold one. */
const NOT_TEMPLATE_SUFFIXES = ['.assets.json', '.metadata.json', '.tsbuildinfo'];

const YAML_FORMAT_VERSION = /^["']?AWSTemplateFormatVersion["']?[ \t]*:/m;
const YAML_RESOURCES = /^["']?Resources["']?[ \t]*:/m;
const YAML_RESOURCE_TYPE = /^[ \t]+["']?Type["']?[ \t]*:[ \t]*["']?(?:AWS|Custom|Alexa)::/m;
const JSON_FORMAT_VERSION = /"AWSTemplateFormatVersion"\s*:/;
const JSON_RESOURCES = /"Resources"\s*:\s*\{/;
const JSON_RESOURCE_TYPE = /"Type"\s*:\s*"(?:AWS|Custom|Alexa)::/;
const KUBERNETES = /^apiVersion[ \t]*:.*$[\s\S]*^kind[ \t]*:/m;
const GITHUB_WORKFLOW = /^["']?on["']?[ \t]*:[\s\S]*^jobs[ \t]*:/m;

export function looksLikeCloudFormation(path: string, text: string): boolean {
  const normalized = path.replace(/\\/g, '/');
  if (!TEMPLATE_EXTENSION.test(normalized)) return false;
  const base = normalized.slice(normalized.lastIndexOf('/') + 1).toLowerCase();
  if (NOT_TEMPLATES.has(base) || base.startsWith('tsconfig.') || NOT_TEMPLATE_SUFFIXES.some((s) => base.endsWith(s))) return false;
  if (/(^|\/)\.github\/workflows\//.test(normalized)) return false;

  if (firstChar(text) === '{') {
    if (JSON_FORMAT_VERSION.test(text)) return true;
    return JSON_RESOURCES.test(text) && JSON_RESOURCE_TYPE.test(text);
  }
  // YAML templates put their sections at column 0; a workflow or manifest that quotes a template
  // in a script block has them indented, and has its own top-level keys.
  if (KUBERNETES.test(text) || GITHUB_WORKFLOW.test(text)) return false;
  if (YAML_FORMAT_VERSION.test(text)) return true;
  return YAML_RESOURCES.test(text) && YAML_RESOURCE_TYPE.test(text);
}

function firstChar(text: string): string | undefined {
  const m = /[^\s\uFEFF]/.exec(text);
  return m?.[0];
}

/** A Git LFS pointer (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md): the file's content is stored elsewhere. */
const LFS_POINTER = /^version https:\/\/git-lfs\.github\.com\/spec\/v1\r?\noid sha256:[0-9a-f]{64}\r?\nsize \d+\r?\n?/;

/**
 * Whether `text` is a Git LFS pointer standing in for what may be a template: a file named on
 * the command line, or one named like a template (`*.template.json`, `template.yaml`, files in
 * `cdk.out`). Other LFS files (data, fixtures) are passed over silently, as any file that is not
 * a template is.
 */
export function isTemplateLfsPointer(path: string, text: string, named: boolean): boolean {
  if (!LFS_POINTER.test(text)) return false;
  if (named) return true;
  const normalized = path.replace(/\\/g, '/').toLowerCase();
  return TEMPLATE_EXTENSION.test(normalized) && (/template[^/]*$/.test(normalized) || /(^|\/)cdk\.out\//.test(normalized));
}
