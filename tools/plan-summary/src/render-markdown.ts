import { headline } from './headline';
import type { StackSummary } from './summarize-plan';

/** CI finds its previous comment by this line and edits it instead of adding a new one. */
export const COMMENT_MARKER = '<!-- plan-summary -->';

/** GitHub rejects comments over 65,536 characters; stay below with room for the marker. */
export const MAX_COMMENT_CHARS = 60_000;

interface RenderLimits {
  /** Rows of created/updated/read/forgotten resources listed per stack. */
  readonly changedRows: number;
  /** Rows of deleted/replaced resources listed per stack. */
  readonly destructiveRows: number;
  readonly listDrift: boolean;
  /** Without details only the dangers and the headlines remain. */
  readonly details: boolean;
}

const FULL: RenderLimits = { changedRows: 100, destructiveRows: 500, listDrift: true, details: true };
const COMPACT: RenderLimits = { changedRows: 0, destructiveRows: 50, listDrift: false, details: true };
const HEADLINES_ONLY: RenderLimits = { changedRows: 0, destructiveRows: 0, listDrift: false, details: false };

/** The pull-request comment: marker, dangers first, one headline per stack, collapsed details. */
export function renderMarkdown(stacks: readonly StackSummary[]): string {
  for (const limits of [FULL, COMPACT]) {
    const text = render(stacks, limits);
    if (text.length <= MAX_COMMENT_CHARS) return text;
  }
  return render(stacks, HEADLINES_ONLY);
}

function render(stacks: readonly StackSummary[], limits: RenderLimits): string {
  const lines = [COMMENT_MARKER, '### Terraform plan summary', ''];
  const dangers = stacks.flatMap((s) => s.dangerous.map((d) => ({ stack: s.stack, ...d })));
  if (dangers.length > 0) {
    lines.push(
      '> [!CAUTION]',
      `> **${dangers.length} stateful resource${dangers.length === 1 ? '' : 's'} would be deleted or replaced.** Data in ${dangers.length === 1 ? 'it' : 'them'} is lost unless it is backed up or moved first.`,
      ...dangers.map((d) => `> - ${escapeText(d.stack)}: **${d.action}** ${code(d.address)}: ${escapeText(d.reason)}`),
      '',
    );
  }
  lines.push(...stacks.map((s) => `- ${escapeText(headline(s))}`), '');
  if (limits.details) for (const s of stacks) lines.push(...details(s, limits), '');
  else lines.push('_Details are left out to fit a comment: read the plan artifacts of this run._', '');
  return lines.join('\n');
}

function details(s: StackSummary, limits: RenderLimits): string[] {
  const counts = `${s.create} create · ${s.update} update · ${s.delete} delete · ${s.replace} replace · ${s.read} read · ${s.noop} no-op`;
  const out = ['<details>', `<summary><b>${escapeHtml(s.stack)}</b>: ${counts}${s.forget > 0 ? ` · ${s.forget} forget` : ''}</summary>`, ''];
  if (s.destructive.length > 0) {
    out.push('Deleted or replaced:', '', '| action | address | why |', '|---|---|---|');
    for (const d of s.destructive.slice(0, limits.destructiveRows)) {
      const why = [
        d.replacePaths.length > 0 ? `forced by ${d.replacePaths.map(code).join(', ')}` : '',
        d.actionReason ? escapeText(d.actionReason) : '',
      ].filter(Boolean);
      const danger = s.dangerous.some((x) => x.address === d.address) ? ' **DANGER**' : '';
      out.push(cells([`${d.action}${d.order ? ` (${d.order})` : ''}${danger}`, code(d.address), why.join('; ') || '-']));
    }
    out.push(...more(s.destructive.length, limits.destructiveRows), '');
  }
  if (s.changed.length > 0 && limits.changedRows > 0) {
    out.push('Other changes:', '');
    out.push(...s.changed.slice(0, limits.changedRows).map((c) => `- ${c.kind} ${code(c.address)}`));
    out.push(...more(s.changed.length, limits.changedRows), '');
  }
  if (s.drift.length > 0) {
    out.push(`Drift: ${s.drift.length} resource${s.drift.length === 1 ? '' : 's'} changed outside Terraform (not counted above).`, '');
    if (limits.listDrift) out.push(...s.drift.map((d) => `- ${d.action} ${code(d.address)}`), '');
  }
  if (s.outputs.length > 0) {
    out.push('Output changes:', '', ...s.outputs.map((o) => `- ${o.action} ${code(o.name)}${o.sensitive ? ' (sensitive)' : ''}`), '');
  }
  if (s.destructive.length + s.changed.length + s.drift.length + s.outputs.length === 0) out.push('No changes.', '');
  const version = s.terraformVersion ? ` · Terraform ${escapeHtml(s.terraformVersion)}` : '';
  out.push(`<sub>${escapeHtml(s.file)} · plan format ${escapeHtml(s.formatVersion)}${version}</sub>`, '</details>');
  return out;
}

function more(total: number, shown: number): string[] {
  return total > shown ? ['', `… and ${total - shown} more (see the plan artifact of this run).`] : [];
}

function cells(values: string[]): string {
  return `| ${values.map((v) => v.replace(/\|/g, '\\|')).join(' | ')} |`;
}

/** A code span that survives backticks inside the text. */
function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text.includes('`') ? ` ${text} ` : text}${fence}`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Plain text in Markdown: no HTML and no emphasis from `*`. Underscores stay as they are: GitHub
 * does not read intraword `_` as emphasis, and the headline stays greppable in the raw comment.
 */
function escapeText(text: string): string {
  return escapeHtml(text).replace(/\*/g, '\\*');
}
