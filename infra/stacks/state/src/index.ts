export * from './state-stack';
