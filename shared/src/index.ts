// Public surface of @hiring/shared: the joint application form as code, safe for the mini-program bundle.
export * from './idNumber';
export * from './uscc';
export * from './codes';
export * from './dates';
export * from './documents';
export * from './phone';
export * from './ruleConfig';
export * from './workingDays';
export * from './retirement';
export * from './age';
export * from './contributions';
export * from './application';
export * from './schema';
export * from './validateApplication';
export * from './matterStatus';
export * from './formColumns';
export * from './materials';
