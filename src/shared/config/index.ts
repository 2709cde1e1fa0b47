export * from './types.ts';
export { parseConfig, type ParseConfigOptions } from './parse.ts';
export { globMatch, globMatcher, globToRegExp } from './glob.ts';
