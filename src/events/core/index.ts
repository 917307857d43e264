// Event grouping and readout comparison: plain functions over plain data, no framework imports.
export * from './grouping';
export * from './terms';
export * from './labelled-set';
export * from './readouts';
export * from './syndication';
