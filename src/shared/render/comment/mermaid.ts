import type { NetworkPath, ServiceDiff } from '../../diff/types.ts';

/**
 * A Mermaid flowchart of one service's network path after the change: who reaches it, the
 * service, how it gets out (NAT, internet gateway, endpoints), and the AWS services it needs.
 * What changed is highlighted: lost reachability red and dashed, gained green, new ingress amber.
 */
export function serviceFlowchart(s: ServiceDiff): string[] {
  const after = s.network.after;
  if (after === null) return [];
  const before = s.network.before;
  const lines: string[] = ['```mermaid', 'flowchart LR'];
  const classes: { lost: string[]; gained: string[]; changed: string[] } = { lost: [], gained: [], changed: [] };
  const beforeIngress = new Set((before?.ingress ?? []).map((i) => `${i.kind}|${i.label}`));
  const publicIpChanged = before !== null && before.publicIp !== after.publicIp;

  lines.push(`  svc["${label(s.key)}<br/>public IP: ${after.publicIp === 'unknown' ? 'unknown' : after.publicIp ? 'yes' : 'no'}"]`);
  if (publicIpChanged) classes.changed.push('svc');

  after.ingress.slice(0, 8).forEach((source, i) => {
    const id = `in${i}`;
    lines.push(source.kind === 'internet' ? `  ${id}(("Internet"))` : `  ${id}["${label(ingressLabel(source))}"]`);
    lines.push(`  ${id} --> svc`);
    if (before !== null && !beforeIngress.has(`${source.kind}|${source.label}`)) classes.changed.push(id);
  });

  const lost = new Set(s.needs.lost.map((n) => n.service));
  const gained = new Set(s.needs.gained.map((n) => n.service));
  const hops = new Map<string, string>();
  after.needs.slice(0, 16).forEach((need, i) => {
    const id = `aws${i}`;
    lines.push(`  ${id}["${label(need.service)}"]`);
    if (need.covered === true && need.via !== undefined) {
      const hop = hopFor(need.via, hops, lines);
      lines.push(`  ${hop} --> ${id}`);
    } else if (need.covered === 'unknown') {
      lines.push(`  svc -.->|"unknown"| ${id}`);
    } else {
      lines.push(`  svc -.->|"no route"| ${id}`);
    }
    if (lost.has(need.service)) classes.lost.push(id);
    if (gained.has(need.service)) classes.gained.push(id);
  });
  for (const hop of hops.values()) lines.push(`  svc --> ${hop}`);

  lines.push('  classDef lost stroke:#cf222e,stroke-width:3px,stroke-dasharray:5 4');
  lines.push('  classDef gained stroke:#1a7f37,stroke-width:3px');
  lines.push('  classDef changed stroke:#9a6700,stroke-width:3px');
  for (const [name, ids] of Object.entries(classes)) if (ids.length > 0) lines.push(`  class ${ids.join(',')} ${name}`);
  lines.push('```', '');
  return lines;
}

function ingressLabel(source: NetworkPath['ingress'][number]): string {
  switch (source.kind) {
    case 'load-balancer':
      return `load balancer ${source.label}`;
    case 'service':
      return `service ${source.label}`;
    case 'security-group':
      return `SG ${source.label}`;
    default:
      return source.label;
  }
}

/** One node per way out (each NAT, the internet gateway, each endpoint), created on first use. */
function hopFor(via: string, hops: Map<string, string>, lines: string[]): string {
  const existing = hops.get(via);
  if (existing !== undefined) return existing;
  const id = `hop${hops.size}`;
  hops.set(via, id);
  const [kind, ...rest] = via.split(':');
  const name = rest.join(':');
  const text = kind === 'endpoint' ? `endpoint ${name}` : kind === 'nat' ? `NAT ${name}` : kind === 'igw' ? 'internet gateway' : via;
  lines.push(`  ${id}{{"${label(text)}"}}`);
  return id;
}

/**
 * Mermaid labels come from templates: keep only characters that cannot close the label, start
 * markup or inject directives, and keep them short.
 */
export function label(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9 _.:/()+-]/g, ' ').replace(/\s+/g, ' ').trim();
  return safe.length > 60 ? `${safe.slice(0, 57)}...` : safe || '?';
}
