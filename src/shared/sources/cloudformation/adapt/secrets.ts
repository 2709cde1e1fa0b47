import type { Entity, EntityRef, SecretReference, SecretResource, SourceRef } from '../../../model/index.ts';
import type { ResolvedResource, RValue } from '../resolved.ts';
import { type AdaptContext, attrString, declarationOf, entityRef, literal, prop, refType, str } from './common.ts';

export const SECRET_TYPE = 'AWS::SecretsManager::Secret';
export const PARAMETER_TYPE = 'AWS::SSM::Parameter';
const KMS_TYPES = ['AWS::KMS::Key', 'AWS::KMS::Alias', 'AWS::KMS::ReplicaKey'] as const;

/**
 * The key of a secret when it is customer managed. AWS managed keys (`alias/aws/…`, and no key at
 * all) need no `kms` endpoint nor key policy, so they are left out.
 */
export function customerManagedKey(v: RValue | undefined, ctx: AdaptContext): EntityRef | undefined {
  if (v === undefined) return undefined;
  const text = literal(v);
  if (text !== undefined && /(^|:)alias\/aws\//.test(text.trim())) return undefined;
  return entityRef(v, ctx, { expect: KMS_TYPES });
}

export function adaptSecret(res: ResolvedResource, base: Entity, ctx: AdaptContext): void {
  const p = res.properties;
  const ssm = res.type === PARAMETER_TYPE;
  const secret: SecretResource = { ...base, store: ssm ? 'ssm' : 'secretsmanager' };
  const name = str(prop(p, 'Name'));
  if (name !== undefined) secret.name = name;
  // CloudFormation cannot create SecureString parameters, so only Secrets Manager secrets carry a key.
  if (!ssm) {
    const key = customerManagedKey(prop(p, 'KmsKeyId'), ctx);
    if (key !== undefined) secret.kmsKey = key;
  }
  ctx.infra.secrets.push(secret);
}

function storeOfType(type: string | undefined): SecretReference['store'] | undefined {
  if (type === SECRET_TYPE) return 'secretsmanager';
  if (type === PARAMETER_TYPE) return 'ssm';
  return undefined;
}

/**
 * Which store serves a `ValueFrom` at task start-up: a Secrets Manager ARN, an SSM parameter ARN
 * or name (ECS reads plain names and `parameter/…` paths from Parameter Store), or a reference to
 * an in-template Secret or Parameter (CDK writes `{Ref: Secret}` joined with `:key::`).
 */
export function secretReference(name: string, valueFrom: RValue | undefined, ctx: AdaptContext, source: SourceRef): SecretReference {
  const file = ctx.template.file;
  if (valueFrom === undefined) {
    return { name, valueFrom: { known: false, reason: 'no ValueFrom', source: { ...source, explicit: false } }, store: 'unknown', source };
  }
  const out: SecretReference = { name, valueFrom: attrString(valueFrom, file), store: 'unknown', source };
  if (valueFrom.kind === 'ref') {
    const type = refType(valueFrom, ctx);
    const store = storeOfType(type);
    if (store !== undefined) {
      out.store = store;
      out.resource = entityRef(valueFrom, ctx);
    } else if (/secret/i.test(valueFrom.attribute ?? '')) {
      // e.g. `!GetAtt Database.MasterUserSecret.SecretArn`: RDS-managed Secrets Manager secrets.
      out.store = 'secretsmanager';
    }
    return out;
  }
  if (valueFrom.kind !== 'string') return out;
  const text = valueFrom.value.trim();
  if (valueFrom.partial === true) {
    for (const logicalId of valueFrom.refs ?? []) {
      const declaration = declarationOf({ target: logicalId }, ctx);
      const store = storeOfType(declaration?.type);
      if (store !== undefined) {
        out.store = store;
        out.resource = { kind: 'resource', id: declaration!.id, source: out.valueFrom.source };
        return out;
      }
    }
  }
  if (text.includes(':secretsmanager:')) out.store = 'secretsmanager';
  else if (text.includes(':ssm:')) out.store = 'ssm';
  else if (text.startsWith('arn:') || text.startsWith('${') || text === '') out.store = 'unknown';
  else out.store = 'ssm';
  return out;
}
