/** Which fix each fixture demonstrates, and the file that holds the expected result. */
export interface FixCase {
  file: string;
  rule: string;
  resource: string;
  /** Under test/fixtures/fixes/expected/. */
  expected: string;
}

const ext = (file: string): string => file.slice(file.lastIndexOf('.'));
const base = (file: string): string => file.slice(0, file.lastIndexOf('.'));

/** `variant` names the expected file when one fixture shows a rule's fix on several resources. */
function cases(file: string, pairs: [rule: string, resource: string, variant?: string][]): FixCase[] {
  return pairs.map(([rule, resource, variant]) => ({ file, rule, resource, expected: `${base(file)}.${rule}${variant === undefined ? '' : `-${variant}`}${ext(file)}` }));
}

export const CASES: FixCase[] = [
  ...['public-alb.yaml', 'public-alb.json'].flatMap((f) => cases(f, [['FW202', 'TaskSg'], ['FW203', 'TaskSg']])),
  ...['nat-worker.yaml', 'nat-worker.json'].flatMap((f) => cases(f, [['FW201', 'Worker'], ['FW203', 'WorkerSg']])),
  ...['lockdown.yaml', 'lockdown.json'].flatMap((f) =>
    cases(f, [['FW301', 'Service'], ['FW302', 'EcrApiEndpoint'], ['FW303', 'EcrDkrEndpoint'], ['FW306', 'S3Endpoint']])),
  ...['lockdown-sg.yaml', 'lockdown-sg.json'].flatMap((f) => cases(f, [['FW304', 'EndpointSg'], ['FW305', 'TaskSg']])),
  ...['iam.yaml', 'iam.json'].flatMap((f) =>
    cases(f, [['FW103', 'ApiTaskRole'], ['FW106', 'ApiExecutionRole'], ['FW107', 'WorkerExecutionRole'], ['FW108', 'ApiTaskRole']])),
  ...['exec-app-policy.yaml', 'exec-app-policy.json'].flatMap((f) => cases(f, [['FW106', 'ExecutionRole']])),
  ...['execution-role.yaml', 'execution-role.json'].flatMap((f) =>
    cases(f, [['FW107', 'ListedExecutionRole', 'appended'], ['FW107', 'InlineExecutionRole', 'added']])),
];
