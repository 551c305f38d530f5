/**
 * Validates the panel sheets (finance, risk, workforce, customer experience, narrative, priority
 * status) by their specs in panelSpecs.ts: same rules, same error messages, one code path.
 */
import { parseNumberText } from '../domain/cells.ts';
import { periodKey } from '../domain/periods.ts';
import type { ImportError, PanelData, PanelRowDef, RawWorkbook } from './model.ts';
import { PANELS, PANEL_SHEETS, type PanelField, type PanelSpec } from './panelSpecs.ts';
import { label } from './columns.ts';
import { Duplicates, Sheet, folded, key } from './sheet.ts';

/** priority_status columns renamed when the overall status became the officers' judgement. */
const LEGACY_STATUS_COLUMNS = [
  ['override_status', 'judgement'],
  ['override_reason', 'judgement_reason'],
  ['printed_status', 'judgement (with judgement_reason)'],
] as const;

export function validatePanels(raw: RawWorkbook, errors: ImportError[]): PanelData {
  const out = {} as PanelData;
  for (const sheet of PANEL_SHEETS) out[sheet] = validatePanel(PANELS[sheet], new Sheet(sheet, raw[sheet] ?? [], errors));
  return out;
}

function cell(s: Sheet, field: PanelField): string | number | null {
  const text = field.required ? s.required(field.name) : s.optional(field.name);
  if (text === null) return field.default ?? null;
  switch (field.kind) {
    case 'text':
    case 'priority':
      return text;
    case 'enum': {
      const value = folded(field.values!)(text);
      if (value === null) s.error(field.name, text, `${label(field.name)} "${text}" is not one of: ${[...new Set(Object.values(field.values!))].join(', ')}`);
      return value;
    }
    case 'money':
    case 'number': {
      const n = parseNumberText(text);
      if (!n || n.qualifier) {
        s.error(field.name, text, `${label(field.name)} "${text}" is not a number${field.kind === 'money' ? ' (£000, e.g. 1,939 or (4))' : ''}`);
        return null;
      }
      return n.value;
    }
    case 'count':
    case 'score':
    case 'riskScore': {
      const n = parseNumberText(text);
      const [min, max] = field.kind === 'score' ? [1, 5] : field.kind === 'riskScore' ? [1, 25] : [0, Number.MAX_SAFE_INTEGER];
      if (!n || n.qualifier || !Number.isInteger(n.value) || n.value < min || n.value > max) {
        s.error(field.name, text, `${label(field.name)} "${text}" must be a whole number${field.kind === 'count' ? ', 0 or more' : ` from ${min} to ${max}`}`);
        return null;
      }
      return n.value;
    }
  }
}

function validatePanel(spec: PanelSpec, s: Sheet): PanelRowDef[] {
  const out: PanelRowDef[] = [];
  const dup = new Duplicates();
  const positions = new Map<string, number>();
  for (const r of s.rows) {
    s.at(r);
    const committee = s.required('committee');
    const periodText = s.required('period');
    const period = s.period('period', periodText, ['year', 'quarter', 'month']);
    const values: Record<string, string | number | null> = {};
    for (const field of spec.fields) values[field.name] = cell(s, field);

    if (spec.sheet === 'narrative' && committee !== null && period !== null && values.position === null && values.kind !== null) {
      // Items keep the order of their rows within each kind.
      const k = `${key(committee)}|${periodKey(period)}|${values.kind}`;
      const next = (positions.get(k) ?? 0) + 1;
      positions.set(k, next);
      values.position = next;
    }
    if (spec.sheet === 'customer' && typeof values.on_time === 'number' && typeof values.received === 'number' && values.on_time > values.received) {
      s.error('on_time', s.text('on_time'), `On time (${values.on_time}) cannot be more than received (${values.received})`);
    }
    if (spec.sheet === 'risks' && !s.bad) {
      const [l, i, score] = [values.residual_likelihood, values.residual_impact, values.residual_score];
      if ((l === null) !== (i === null)) {
        s.error(l === null ? 'residual_likelihood' : 'residual_impact', '', 'Give both residual likelihood and residual impact, or neither');
      } else if (l === null && score === null) {
        s.error('residual_score', '', 'A risk needs its residual likelihood and impact, or its residual score');
      } else if (typeof l === 'number' && typeof i === 'number' && typeof score === 'number' && l * i !== score) {
        s.error('residual_score', s.text('residual_score'), `Residual score ${score} is not likelihood ${l} × impact ${i} = ${l * i}`);
      }
    }
    if (spec.sheet === 'priority_status') {
      // (A judgement that is not Green, Amber or Red has its own error.)
      const judged = s.text('judgement') !== '';
      if (judged !== (values.judgement_reason !== null)) {
        s.error(
          judged ? 'judgement_reason' : 'judgement',
          s.text(judged ? 'judgement_reason' : 'judgement'),
          judged ? 'Give the reason for the overall status: what the judgement weighs' : 'Give the overall status the reason is for (Green, Amber or Red)',
        );
      }
      // Columns of workbooks from before the overall status was a judgement (migration 0018): never dropped silently.
      for (const [old, now] of LEGACY_STATUS_COLUMNS) {
        const v = s.optional(old);
        if (v !== null) s.error(old, v, `The ${old} column is now ${now} (the overall status is the officers' judgement, with its reason): rename the column`);
      }
    }
    if (committee !== null && period !== null) {
      const identity = spec.key.map((k) => key(String(values[k] ?? ''))).join('|');
      dup.check(s, [`${key(committee)}|${periodKey(period)}`, identity], spec.key[0] ?? null, String(values[spec.key[0]!] ?? ''), `The ${spec.noun} ${spec.key.map((k) => values[k]).join(' ')} for ${committee} in ${periodText}`);
    }
    if (s.bad || committee === null || period === null) continue;
    out.push({ committee, period, values, row: s.row });
  }
  return out;
}
