export * from './environment-config';
export * from './config-error';
export * from './read-env';
export * from './validate-config';
export * from './load-environments';
export * from './environments';
export * from './stack-settings';
export * from './image-repository';
