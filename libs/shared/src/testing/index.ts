export * from './embedded-aws';
export * from './free-port';
export * from './app-process';
