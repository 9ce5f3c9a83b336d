export * from './edge-stack';
