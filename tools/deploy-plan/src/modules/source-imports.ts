import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import ts from 'typescript';

/** One `import`/`export ... from` of a TypeScript file, resolved to a workspace file when possible. */
export interface SourceImport {
  /** Workspace-relative path of the imported file; null for npm packages and unresolvable paths. */
  readonly file: string | null;
  /** Names taken from the module, or 'everything' (namespace, default, side effect, `export *`). */
  readonly names: readonly string[] | 'everything';
  /** `export ... from`: the file re-exports the names rather than using them itself. */
  readonly reExport: boolean;
}

export interface ParsedSource {
  readonly imports: readonly SourceImport[];
  /** Names this file declares and exports itself. */
  readonly localExports: ReadonlySet<string>;
  /** `export { a as b } from './x'`: exported name -> [file, name in that file]. */
  readonly namedReExports: ReadonlyMap<string, readonly [string | null, string]>;
  /** `export * from './x'` targets. */
  readonly starReExports: readonly (string | null)[];
}

/**
 * Parses TypeScript files of one workspace syntactically (no type checker: fast enough for every
 * plan) and resolves relative imports and tsconfig path aliases to workspace files.
 */
export class SourceReader {
  private readonly parsed = new Map<string, ParsedSource>();
  private readonly aliases: ReadonlyMap<string, string>;

  constructor(private readonly cwd: string) {
    this.aliases = readPathAliases(cwd);
  }

  read(file: string): ParsedSource {
    const cached = this.parsed.get(file);
    if (cached) return cached;
    const absolute = join(this.cwd, file);
    const text = existsSync(absolute) ? readFileSync(absolute, 'utf8') : '';
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
    const result = this.parse(file, source);
    this.parsed.set(file, result);
    return result;
  }

  private parse(file: string, source: ts.SourceFile): ParsedSource {
    const imports: SourceImport[] = [];
    const localExports = new Set<string>();
    const namedReExports = new Map<string, readonly [string | null, string]>();
    const starReExports: (string | null)[] = [];
    for (const statement of source.statements) {
      if (ts.isImportDeclaration(statement) && statement.importClause?.isTypeOnly) {
        continue; // `import type`: erased, it cannot change what a stack synthesizes
      } else if (ts.isExportDeclaration(statement) && statement.isTypeOnly) {
        continue;
      } else if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
        const target = this.resolve(file, statement.moduleSpecifier.text);
        imports.push({ file: target, names: importedNames(statement.importClause), reExport: false });
      } else if (ts.isExportDeclaration(statement)) {
        const specifier = statement.moduleSpecifier;
        const clause = statement.exportClause;
        if (specifier === undefined || !ts.isStringLiteral(specifier)) {
          if (clause && ts.isNamedExports(clause)) clause.elements.forEach((e) => localExports.add(e.name.text));
          continue;
        }
        const target = this.resolve(file, specifier.text);
        if (clause === undefined) {
          starReExports.push(target);
          imports.push({ file: target, names: 'everything', reExport: true });
        } else if (ts.isNamespaceExport(clause)) {
          namedReExports.set(clause.name.text, [target, '*']);
          imports.push({ file: target, names: 'everything', reExport: true });
        } else {
          const values = clause.elements.filter((e) => !e.isTypeOnly);
          const names = values.map((e) => (e.propertyName ?? e.name).text);
          values.forEach((e) => namedReExports.set(e.name.text, [target, (e.propertyName ?? e.name).text]));
          imports.push({ file: target, names, reExport: true });
        }
      } else {
        declaredExportNames(statement).forEach((name) => localExports.add(name));
      }
    }
    return { imports, localExports, namedReExports, starReExports };
  }

  /** Workspace-relative file for a module specifier, or null for npm packages / missing files. */
  resolve(fromFile: string, specifier: string): string | null {
    let base: string | undefined;
    if (specifier.startsWith('.')) base = posix.join(posix.dirname(fromFile), specifier);
    else base = this.aliases.get(specifier);
    if (base === undefined) return null;
    const stripped = base.replace(/\.(js|ts)$/, '');
    for (const candidate of [base, `${stripped}.ts`, `${stripped}/index.ts`]) {
      if (candidate.endsWith('.ts') && existsSync(join(this.cwd, candidate))) return posix.normalize(candidate);
    }
    return null;
  }
}

function importedNames(clause: ts.ImportClause | undefined): readonly string[] | 'everything' {
  if (clause === undefined || clause.name !== undefined) return 'everything';
  const bindings = clause.namedBindings;
  if (bindings === undefined || ts.isNamespaceImport(bindings)) return 'everything';
  return bindings.elements.filter((e) => !e.isTypeOnly).map((e) => (e.propertyName ?? e.name).text);
}

function declaredExportNames(statement: ts.Statement): string[] {
  const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
  if (!modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return [];
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []));
  }
  const named = statement as ts.Statement & { name?: ts.Node };
  return named.name && ts.isIdentifier(named.name) ? [named.name.text] : ['default'];
}

/** tsconfig.base.json `paths` aliases with a single target, as workspace-relative paths. */
function readPathAliases(cwd: string): ReadonlyMap<string, string> {
  const configPath = join(cwd, 'tsconfig.base.json');
  if (!existsSync(configPath)) return new Map();
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  const options = (config?.compilerOptions ?? {}) as { baseUrl?: string; paths?: Record<string, string[]> };
  const baseUrl = join(dirname(configPath), options.baseUrl ?? '.');
  const aliases = new Map<string, string>();
  for (const [alias, targets] of Object.entries(options.paths ?? {})) {
    if (!alias.includes('*') && targets.length > 0) {
      aliases.set(alias, relative(cwd, join(baseUrl, targets[0])).split('\\').join('/'));
    }
  }
  return aliases;
}
