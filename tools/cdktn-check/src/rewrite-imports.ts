/**
 * The CDKTF -> CDK Terrain swap on source text: the module specifiers `cdktf` and
 * `@cdktf/provider-aws[/lib/x]` become `cdktn` and `@cdktn/provider-aws[/lib/x]` in import, export-from,
 * dynamic import and require. Strings that are not module specifiers are left alone.
 */
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(['"])(cdktf|@cdktf\/provider-aws)((?:\/[^'"]*)?)\2/gm;

const RENAMED: Readonly<Record<string, string>> = { cdktf: 'cdktn', '@cdktf/provider-aws': '@cdktn/provider-aws' };

export function toCdktn(source: string): string {
  return source.replace(SPECIFIER, (_all, lead: string, quote: string, name: string, subpath: string) => `${lead}${quote}${RENAMED[name]}${subpath}${quote}`);
}
