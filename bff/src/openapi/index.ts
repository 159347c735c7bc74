// The bff's OpenAPI 3.1 description: the document, its route, and the route listing used by the tests.
export * from './routes';
