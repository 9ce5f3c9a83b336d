export * from './network-stack';
