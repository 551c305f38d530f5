/**
 * The audit log page and its CSV export: newest first, filtered by entity and actor, paginated.
 * CSV cells that a spreadsheet would run as a formula are neutralised (OWASP "CSV injection").
 */
import type { AuditFilter, AuditRow } from '../../../services/auditService.ts';
import { ROUTES } from '../../urls.ts';

export const PAGE_SIZE = 50;

export interface AuditQuery {
  entity?: string;
  actor?: string;
  page?: string;
}

export interface ParsedAuditQuery {
  filter: AuditFilter;
  page: number;
}

export function parseAuditQuery(query: AuditQuery): ParsedAuditQuery {
  const entity = typeof query.entity === 'string' ? query.entity.trim().slice(0, 100) : '';
  const actor = typeof query.actor === 'string' ? query.actor.trim().slice(0, 200) : '';
  const page = /^\d{1,6}$/.test(query.page ?? '') ? Math.max(1, Number(query.page)) : 1;
  return { filter: { entity: entity || null, actor: actor || null }, page };
}

const when = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function show(value: unknown): string {
  if (value === undefined) return '(none)';
  if (value === null) return '(empty)';
  if (typeof value === 'string') return value === '' ? '(empty)' : value;
  return JSON.stringify(value);
}

/** "field: before → after" for each field that differs (every field for additions). */
export function describeChanges(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const lines: string[] = [];
  for (const key of keys) {
    const b = before ? before[key] : undefined;
    const a = after ? after[key] : undefined;
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    if (!before) lines.push(`${key}: ${show(a)}`);
    else if (!after) lines.push(`${key}: ${show(b)} (removed)`);
    else lines.push(`${key}: ${show(b)} → ${show(a)}`);
  }
  return lines;
}

export interface AuditView {
  pageTitle: string;
  entity: string;
  actor: string;
  entityItems: { value: string; text: string; selected: boolean }[];
  total: number;
  showing: string;
  rows: {
    at: string;
    atIso: string;
    actor: string;
    action: string;
    entity: string;
    entityKey: string;
    changes: string[];
    reason: string;
  }[];
  pagination: { previous?: { href: string }; next?: { href: string }; items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] } | null;
  csvHref: string;
}

function queryString(filter: AuditFilter, page?: number): string {
  const params = new URLSearchParams();
  if (filter.entity) params.set('entity', filter.entity);
  if (filter.actor) params.set('actor', filter.actor);
  if (page && page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export function buildAuditView(input: { filter: AuditFilter; page: number; total: number; rows: AuditRow[]; entities: string[] }): AuditView {
  const { filter, page, total } = input;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const first = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const last = Math.min(total, page * PAGE_SIZE);
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  let previousShown = 0;
  for (let n = 1; n <= pages; n += 1) {
    if (n === 1 || n === pages || Math.abs(n - page) <= 2) {
      if (previousShown && n - previousShown > 1) items.push({ ellipsis: true });
      items.push({ number: n, href: `${ROUTES.adminAudit}${queryString(filter, n)}`, current: n === page });
      previousShown = n;
    }
  }
  return {
    pageTitle: 'Audit log',
    entity: filter.entity ?? '',
    actor: filter.actor ?? '',
    entityItems: [
      { value: '', text: 'All', selected: !filter.entity },
      ...input.entities.map((e) => ({ value: e, text: e, selected: e === filter.entity })),
    ],
    total,
    showing: total === 0 ? 'No entries match.' : `Showing ${first} to ${last} of ${total} entries, newest first.`,
    rows: input.rows.map((r) => ({
      at: when.format(new Date(r.at)),
      atIso: new Date(r.at).toISOString(),
      actor: r.actor,
      action: r.action,
      entity: r.entity,
      entityKey: r.entity_key,
      changes: describeChanges(r.before, r.after),
      reason: r.reason ?? '',
    })),
    pagination:
      pages > 1
        ? {
            ...(page > 1 ? { previous: { href: `${ROUTES.adminAudit}${queryString(filter, page - 1)}` } } : {}),
            ...(page < pages ? { next: { href: `${ROUTES.adminAudit}${queryString(filter, page + 1)}` } } : {}),
            items,
          }
        : null,
    csvHref: `${ROUTES.adminAuditCsv}${queryString(filter)}`,
  };
}

/**
 * A cell a spreadsheet would not run as a formula: text starting with = + - @ (after any spaces),
 * a tab or a carriage return is prefixed with an apostrophe.
 */
export function neutraliseCell(value: string): string {
  return /^[\t\r]|^\s*[=+\-@＝＋－＠]/.test(value) ? `'${value}` : value;
}

export const CSV_HEADER = ['id', 'at', 'actor', 'action', 'entity', 'entity_key', 'before', 'after', 'reason'];

export function auditCsvRow(r: AuditRow): string[] {
  return [
    String(r.id),
    new Date(r.at).toISOString(),
    r.actor,
    r.action,
    r.entity,
    r.entity_key,
    r.before === null ? '' : JSON.stringify(r.before),
    r.after === null ? '' : JSON.stringify(r.after),
    r.reason ?? '',
  ].map(neutraliseCell);
}
