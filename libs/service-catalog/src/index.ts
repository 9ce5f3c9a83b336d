export * from './manifest-schema';
export * from './catalog-error';
export * from './validate-manifest';
export * from './parse-catalog';
export * from './load-catalog';
export * from './resolve-service';
export * from './container-environment';
export * from './json-schema';
