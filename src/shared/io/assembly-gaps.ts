import type { SourceFile } from '../sources/types.ts';
import { joinPath, readCloudAssembly } from '../sources/cloudformation/cdk-assembly.ts';
import type { InputError, SkippedFile } from './files.ts';

/**
 * Pure (no I/O), for the readers of a tree. A cloud assembly names its stacks' templates, and a
 * parent template its nested stacks' (`aws:asset:path`): one the walk did not read because it is
 * not there, or is no template any more (truncated, overwritten), would otherwise leave the stack
 * out without a word, and a diff would count its services as removed and its findings as resolved.
 * As an input error at that file instead, the diff leaves them not compared and the exit code is 2.
 * Only manifests of directories the reader walked whole (`walked`): a template named alone brings
 * its manifest but not the other stacks' templates. A file that exists but was not read (excluded
 * by a glob) is left alone (`exists`).
 */
export function assemblyGaps(files: readonly SourceFile[], skipped: readonly SkippedFile[], walked: (manifest: string) => boolean, exists: (path: string) => boolean): InputError[] {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const skippedAs = new Map(skipped.map((s) => [s.file, s.is]));
  const errors: InputError[] = [];
  const reported = new Set<string>();
  for (const manifest of files) {
    if (!/(^|\/)manifest\.json$/.test(manifest.path) || !walked(manifest.path)) continue;
    const dir = manifest.path.includes('/') ? manifest.path.slice(0, manifest.path.lastIndexOf('/')) : '';
    let assembly: ReturnType<typeof readCloudAssembly>;
    try {
      assembly = readCloudAssembly(manifest.text, (rel) => byPath.get(joinPath(dir, rel))?.text);
    } catch {
      continue;
    }
    if ('error' in assembly) continue;
    for (const stack of assembly.stacks) {
      // A stage's stacks are checked with the stage's own manifest, when its directory was walked.
      if (stack.assemblyDirectory !== '') continue;
      const named = [
        { path: joinPath(dir, stack.templateFile), as: `${manifest.path} lists it as the template of stack ${stack.artifactId}` },
        ...stack.nestedTemplates.map((nested) => ({ path: joinPath(dir, nested), as: `the template of stack ${stack.artifactId} names it as a nested stack's template (aws:asset:path)` })),
      ];
      for (const { path, as } of named) {
        if (byPath.has(path) || reported.has(path)) continue;
        const is = skippedAs.get(path);
        if (is === undefined && exists(path)) continue;
        reported.add(path);
        const what = is === undefined ? `missing, but ${as}` : `${is}, but ${as}`;
        errors.push({ file: path, line: 1, message: `${what}: what it declares is not analyzed (in a diff, not compared rather than removed). Run cdk synth again, or restore the file` });
      }
    }
  }
  return errors;
}
