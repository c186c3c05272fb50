/**
 * jd-cluster public API. Everything a user imports comes from here.
 */
export * from './core/index.js';
export * from './data/index.js';
export * from './validate/index.js';
export * from './tokenize/index.js';
export * from './cluster/index.js';
export * from './embed/index.js';
export * from './pipeline/index.js';
export * from './report/index.js';
