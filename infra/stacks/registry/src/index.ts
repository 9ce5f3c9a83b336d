export * from './registry-stack';
