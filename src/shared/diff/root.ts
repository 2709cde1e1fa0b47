/**
 * Paths of one side of a diff below its root (see DiffSide.root), so that the two sides' names
 * for one file compare equal: `base/app.yaml` and `head/app.yaml` are both `app.yaml`.
 */
export function belowRootOf(root: string | undefined, file: string): string {
  const prefix = rootPrefix(root);
  return prefix !== undefined && file.startsWith(prefix) ? file.slice(prefix.length) : file;
}

/** `root/` as file paths below it start, or undefined when paths are not below a root. */
export function rootPrefix(root: string | undefined): string | undefined {
  return root === undefined || root === '' || root === '.' ? undefined : `${root.replace(/^\.\//, '').replace(/\/+$/, '')}/`;
}
