/** What the OpenAPI document promises: the statuses each method + path template may answer. */
export interface DocumentedRoute {
  method: string;
  template: string;
  matcher: RegExp;
  statuses: Set<number>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

export class RouteCatalog {
  private constructor(readonly routes: DocumentedRoute[]) {}

  static fromOpenApi(document: OpenApiDocument): RouteCatalog {
    const routes: DocumentedRoute[] = [];
    for (const [template, operations] of Object.entries(document.paths)) {
      // `{id}` matches one path segment, as Fastify's router does.
      const matcher = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      for (const [method, operation] of Object.entries(operations)) {
        if (!METHODS.includes(method)) continue;
        const statuses = new Set(Object.keys(operation.responses ?? {}).map(Number));
        routes.push({ method: method.toUpperCase(), template, matcher, statuses });
      }
    }
    return new RouteCatalog(routes);
  }

  /** The documented route a request lands on, if any (HEAD answers like GET). */
  find(method: string, path: string): DocumentedRoute | undefined {
    const effective = method === 'HEAD' ? 'GET' : method;
    return this.routes.find((route) => route.method === effective && route.matcher.test(path));
  }

  get templates(): string[] {
    return [...new Set(this.routes.map((route) => route.template))];
  }
}
