// Public entry of the analysis core. Implemented in this folder; see types.ts for shapes.
export * from './types';
