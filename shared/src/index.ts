// Public surface of @hiring/shared: the joint application form as code, safe for the mini-program bundle.
export * from './idNumber';
export * from './uscc';
export * from './codes';
