export { devConfig } from './dev';
export { stagingConfig } from './staging';
export { prodConfig } from './prod';
