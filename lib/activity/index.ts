export * from './actions';
export * from './filters';
export * from './summaries';
