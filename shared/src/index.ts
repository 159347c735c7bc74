// Public surface of @hiring/shared: the joint application form as code, safe for the mini-program bundle.
export {};
