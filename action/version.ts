/** Set by scripts/build-action.mjs from package.json; `dev` when run from source (tests). */
declare const __FARGATE_WARDEN_VERSION__: string | undefined;

export const VERSION: string = typeof __FARGATE_WARDEN_VERSION__ === 'string' ? __FARGATE_WARDEN_VERSION__ : 'dev';
