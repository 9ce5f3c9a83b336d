export * from './rehearse-task';
export * from './rehearse-workspace';
export * from './rehearsal-error';
export * from './cli';
