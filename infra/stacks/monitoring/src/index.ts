export * from './monitoring-stack';
