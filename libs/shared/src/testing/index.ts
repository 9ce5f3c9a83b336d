export * from './embedded-aws';
export * from './free-port';
