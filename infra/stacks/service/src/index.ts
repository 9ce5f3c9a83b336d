export * from './service-stack';
