// Checks every response the app sends during a test against the schema its route declares for that status
// (the same schema the published contract shows), so a handler cannot drift from the document unnoticed.
import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import type { ObservedResponse } from '../../src/app';
import type { OpenApiDocument, Operation, ResponseObject } from '../../src/openapi';
import { describeApi } from '../../src/openapi/describe';

let shared: OpenApiDocument | undefined;

export class ResponseCheck {
  readonly problems: string[] = [];
  checked = 0;
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction | null>();
  private readonly operations = new Map<string, Operation>();

  constructor(private readonly document: OpenApiDocument = (shared ??= describeApi())) {
    // The two formats the contract uses (ajv-formats would bring a second copy of ajv).
    this.ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    this.ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
    this.ajv.addSchema({ $id: 'api', components: { schemas: document.components.schemas } });
    for (const item of Object.values(document.paths))
      for (const operation of Object.values(item)) this.operations.set(operation.operationId, operation);
  }

  /** Records what is wrong with one response (nothing when it conforms). */
  observe = ({ route, method, path, status, body }: ObservedResponse): void => {
    this.checked += 1;
    const where = `${method} ${path} → ${status}`;
    const operation = this.operations.get(route.operationId);
    if (!operation) return void this.problems.push(`${where}: ${route.operationId} is not in the document`);
    const response = this.resolve(operation.responses[String(status)]);
    if (!response) return void this.problems.push(`${where}: status ${status} is not declared`);
    const media = response.content?.['application/json'];
    const json = toJson(body);
    if (!media) {
      if (json !== undefined && response.content === undefined)
        this.problems.push(`${where}: a body where the contract declares none`);
      return;
    }
    const validate = this.validatorFor(`${route.operationId} ${status}`, media.schema);
    if (validate && !validate(json)) {
      const errors = (validate.errors ?? [])
        .slice(0, 5)
        .map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
      this.problems.push(`${where}: ${errors.join('; ')}`);
    }
  };

  /** What is wrong with one answer of an operation (empty when it conforms); for a test's own calls. */
  problemsOf(operationId: string, status: number, body: unknown): string[] {
    const before = this.problems.length;
    this.observe({ route: { operationId } as never, method: operationId, path: '', status, body });
    return this.problems.splice(before);
  }

  private resolve(response: Operation['responses'][string] | undefined): ResponseObject | undefined {
    if (response && '$ref' in response) {
      const name = response.$ref.replace('#/components/responses/', '');
      return this.document.components.responses[name];
    }
    return response;
  }

  private validatorFor(key: string, schema: Record<string, unknown>): ValidateFunction | null {
    if (!this.validators.has(key)) {
      const rebased = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"api#/components/'));
      this.validators.set(key, this.ajv.compile(rebased));
    }
    return this.validators.get(key) ?? null;
  }
}

/** The body as the client receives it (dates as ISO strings, the document's JSON text parsed). */
function toJson(body: unknown): unknown {
  if (body === undefined || body === null) return undefined;
  if (Buffer.isBuffer(body)) return undefined;
  if (typeof body === 'string') {
    try {
      return JSON.parse(body);
    } catch {
      return body;
    }
  }
  return JSON.parse(JSON.stringify(body));
}
