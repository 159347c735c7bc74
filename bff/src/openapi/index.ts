// The bff's OpenAPI 3.1 description: built from the route declarations (http/route.ts), served at
// GET /api/v1/openapi.json, and listed by route for the tests.
export * from './routes';
export * from './build';
