export * from './framing';
export * from './report';
