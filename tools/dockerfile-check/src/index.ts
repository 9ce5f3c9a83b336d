export * from './parse-dockerfile';
export * from './image-layout';
