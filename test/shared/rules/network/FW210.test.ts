import type { Listener, LoadBalancer } from '../../../../src/shared/model/index.ts';
import { rule } from '../../../../src/shared/rules/network/FW210-plaintext-listener.ts';
import { infra, known, unknown } from '../../../support/model.ts';
import {
  forward, listener, loadBalancer, redirect, ruleCases, service, serviceLb, targetGroup,
} from '../../../support/network-rules.ts';

function scenario(listeners: Listener[], lb: LoadBalancer = loadBalancer('Alb')) {
  return infra({
    services: [service('Api', { key: 'api', loadBalancers: [serviceLb('Tg', 8080)] }), service('Admin', { loadBalancers: [serviceLb('AdminTg', 9000)] })],
    targetGroups: [targetGroup('Tg'), targetGroup('AdminTg'), targetGroup('Unused')],
    loadBalancers: [lb],
    listeners,
  });
}

ruleCases(rule, {
  valid: [
    { name: '1. HTTPS listener forwarding to the service', infra: scenario([listener('Https', { lb: 'Alb', protocol: known('HTTPS', 232), port: known(443), actions: [forward('Tg')] })]), expect: [] },
    { name: '2. HTTP listener that redirects to HTTPS', infra: scenario([listener('Http', { lb: 'Alb', actions: [redirect()] })]), expect: [] },
    { name: '3. internal load balancer', infra: scenario([listener('Http', { lb: 'Alb', actions: [forward('Tg')] })], loadBalancer('Alb', { scheme: known('internal', 203) })), expect: [] },
    { name: '4. forwards to a target group no service registers with', infra: scenario([listener('Http', { lb: 'Alb', actions: [forward('Unused')] })]), expect: [] },
    { name: '5. scheme from a parameter (unknown)', infra: scenario([listener('Http', { lb: 'Alb', actions: [forward('Tg')] })], loadBalancer('Alb', { scheme: unknown() })), expect: [] },
    { name: '6. listener protocol from a parameter (unknown)', infra: scenario([listener('Http', { lb: 'Alb', protocol: unknown(), actions: [forward('Tg')] })]), expect: [] },
    {
      name: '7. NLB TCP listener (not HTTP)',
      infra: scenario([listener('Tcp', { lb: 'Nlb', protocol: known('TCP', 232), actions: [forward('Tg')] })], loadBalancer('Nlb', { type: 'network' })),
      expect: [],
    },
    { name: '8. load balancer outside the files', infra: scenario([listener('Http', { lb: 'Elsewhere', actions: [forward('Tg')] })]), expect: [] },
  ],
  invalid: [
    {
      name: '1. Scheme absent (internet-facing by default), HTTP:80 forwarding to the service',
      infra: scenario([listener('Http', { lb: 'Alb', actions: [forward('Tg')] })]),
      expect: [{ resource: 'Http', line: 232, service: 'api', message: ['Listener Http', 'load balancer Alb', 'port 80', 'service api', 'target group Tg', 'redirect to HTTPS'] }],
    },
    {
      name: '2. one HTTP listener forwarding to two services: one finding each',
      infra: scenario(
        [listener('Http', { lb: 'Alb', port: known(8080), actions: [forward('Tg', 'AdminTg')] })],
        loadBalancer('Alb', { scheme: known('internet-facing', 203) }),
      ),
      expect: [
        { resource: 'Http', line: 232, service: 'api', message: ['port 8080', 'service api'] },
        { resource: 'Http', line: 232, service: 'Admin', message: ['service Admin', 'target group AdminTg'] },
      ],
    },
    {
      name: '3. the same target group in two actions reports once; lower-case protocol',
      infra: scenario([listener('Http', { lb: 'Alb', protocol: known('http', 240), actions: [forward('Tg'), forward('Tg')] })]),
      expect: [{ resource: 'Http', line: 240 }],
    },
    {
      name: '4. port unknown is said so',
      infra: scenario([listener('Http', { lb: 'Alb', port: unknown(), actions: [forward('Tg')] })]),
      expect: [{ resource: 'Http', line: 232, message: ['port unknown'] }],
    },
  ],
});
