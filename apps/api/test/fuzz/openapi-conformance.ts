import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { RouteCatalog } from './route-catalog';

interface MediaType {
  schema?: unknown;
}
interface ResponseObject {
  headers?: Record<string, unknown>;
  content?: Record<string, MediaType>;
}
interface Operation {
  responses?: Record<string, ResponseObject>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}

/** One answer of the server, as inject() or a socket gives it. */
export interface Answer {
  method: string;
  url: string;
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

/** Routes served but left out of the document on purpose (Swagger UI and the document itself). */
const HIDDEN = [/^\/docs(\/|$)/, /^\/openapi\.json$/];
const PROBLEM = 'application/problem+json';

/** RFC 6901: `~` and `/` escaped in a JSON pointer segment. */
const pointer = (...segments: string[]) => segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/**
 * Checks an answer against what /openapi.json promises for its operation: the status is
 * documented, the media type is one documented for that status, the body validates against the
 * documented schema (ajv, with the document's own components), and every documented header is
 * there. An answer on a path the document knows but with a method it does not document must be a
 * 405 whose `Allow` lists exactly the documented methods. Returns what is wrong (empty: conforms).
 */
export class OpenApiConformance {
  private readonly ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly catalog: RouteCatalog;

  constructor(private readonly document: OpenApiDocument) {
    this.ajv.addSchema(document, 'openapi.json');
    this.catalog = RouteCatalog.fromOpenApi(document);
  }

  check(answer: Answer): string[] {
    const path = answer.url.split('?')[0];
    const route = this.catalog.find(answer.method, path);
    if (route) return this.checkOperation(answer, route.template, route.method.toLowerCase());
    const templates = this.catalog.routes.filter((r) => r.matcher.test(path));
    if (answer.status === 405 && templates.length > 0) {
      const documented = new Set(templates.map((r) => r.method));
      if (documented.has('GET')) documented.add('HEAD');
      const allow = new Set(String(answer.headers.allow ?? '').split(/,\s*/).filter(Boolean));
      const failures = this.checkProblem(answer, 'components/responses/MethodNotAllowed');
      if ([...documented].sort().join() !== [...allow].sort().join()) failures.push(`405 Allow "${String(answer.headers.allow)}" is not the documented methods ${[...documented].join(', ')}`);
      return failures;
    }
    if (answer.status < 400) return HIDDEN.some((re) => re.test(path)) ? [] : [`${answer.status} on an undocumented operation`];
    return this.checkProblem(answer, 'components/schemas/Problem');
  }

  private checkOperation(answer: Answer, template: string, method: string): string[] {
    const responses = this.document.paths[template][method].responses ?? {};
    const documented = responses[String(answer.status)];
    if (!documented) return [`status ${answer.status} is not documented for ${method.toUpperCase()} ${template} (documented: ${Object.keys(responses).join(', ')})`];
    const failures: string[] = [];
    for (const header of Object.keys(documented.headers ?? {})) {
      if (answer.headers[header] === undefined) failures.push(`documented header ${header} is missing on ${answer.status}`);
    }
    const mediaType = String(answer.headers['content-type'] ?? '').split(';')[0].trim();
    const media = documented.content?.[mediaType];
    if (!media) return [...failures, `content type "${mediaType}" is not documented for ${answer.status} (documented: ${Object.keys(documented.content ?? {}).join(', ')})`];
    if (answer.method === 'HEAD' || mediaType === 'text/event-stream' || !media.schema) return failures;
    const base = pointer('paths', template, method, 'responses', String(answer.status), 'content', mediaType, 'schema');
    return [...failures, ...this.validate(answer.body, base)];
  }

  private checkProblem(answer: Answer, ref: string): string[] {
    const mediaType = String(answer.headers['content-type'] ?? '').split(';')[0].trim();
    if (mediaType !== PROBLEM) return [`${answer.status} is ${mediaType || 'without a content type'}, not ${PROBLEM}`];
    if (answer.method === 'HEAD') return [];
    return this.validate(answer.body, ref === 'components/schemas/Problem' ? ref : pointer('components', 'responses', 'MethodNotAllowed', 'content', PROBLEM, 'schema'));
  }

  private validate(body: string, schemaPointer: string): string[] {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return [`body is not JSON: ${body.slice(0, 100)}`];
    }
    let validate = this.validators.get(schemaPointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `openapi.json#/${schemaPointer}` });
      this.validators.set(schemaPointer, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).slice(0, 3).map((e) => `body ${e.instancePath || '/'} ${e.message ?? 'is invalid'} (schema #/${schemaPointer})`);
  }
}
