/**
 * Validates a read workbook against the template (docs/import-template.md): required columns, every
 * cell, and consistency within the file (duplicates, a reported result without a value…). Collects
 * **all** errors with sheet, row, column and value. References to refs that are not in the file are
 * not checked here: the import service checks them against the database.
 */
import {
  ACTION_RAG_WORDS,
  BASIS_WORDS,
  FREQUENCY_WORDS,
  POLARITY_WORDS,
  UNIT_WORDS,
  parseActionRag,
  parseBasis,
  parseBenchmarkText,
  parseFrequency,
  parsePolarity,
  parseRag,
  parseResultStatus,
  parseResultText,
  parseTargetText,
  parseUnit,
} from '../domain/cells.ts';
import { parsePrintedDirection } from '../domain/direction.ts';
import { agreesWith } from '../domain/significance.ts';
import { formatPeriod, parseDataPeriod, periodKey } from '../domain/periods.ts';
import type { RatingMethod } from '../domain/types.ts';
import type {
  ActionDef,
  CommitteeDef,
  PriorityDef,
  TermsDef,
  ImportError,
  IndicatorDef,
  RawWorkbook,
  ResultDef,
  SettingsDef,
  TargetDef,
  ValidationOutcome,
  Withheld,
  WorkbookData,
} from './model.ts';
import { FRAMEWORK_SHEETS, nothingWithheld } from './model.ts';
import { checkCellLimits } from './cellLimits.ts';
import { label } from './columns.ts';
import { validatePanels } from './panels.ts';
import { Duplicates, Sheet, folded, key, memo, oneOf } from './sheet.ts';

export { COLUMNS, label, type ColumnSpec } from './columns.ts';

const parseBenchmarkCached = memo(parseBenchmarkText);
const parsePrintedDirectionCached = memo(parsePrintedDirection);

// ---------------------------------------------------------------------------------------------

/**
 * Validates every sheet. A valid workbook gives its data (`ok`); one with errors gives every error and
 * also the rows that are valid and what was withheld (refused rows other rows may depend on), for the
 * reference and lock checks to run on — never to be written.
 */
export function validateWorkbook(raw: RawWorkbook): ValidationOutcome {
  const errors: ImportError[] = [];
  const withheld = nothingWithheld();
  checkCellLimits(raw, errors);
  const sheet = (name: (typeof FRAMEWORK_SHEETS)[number]) => {
    const s = new Sheet(name, raw[name] ?? [], errors);
    // Without a required column no row of the sheet is taken in: what depends on it is unknown.
    if (s.lacksColumns) withheld.sheets.add(name);
    return s;
  };
  const data: WorkbookData = {
    settings: validateSettings(sheet('settings'), withheld),
    ...committeesAndTerms(sheet('committees'), sheet('terms_of_reference')),
    priorities: validatePriorities(sheet('priorities')),
    indicators: validateIndicators(sheet('indicators'), withheld),
    targets: validateTargets(sheet('targets')),
    results: validateResults(sheet('results')),
    actions: validateActions(sheet('actions'), withheld),
    panels: validatePanels(raw, errors),
  };
  return errors.length > 0 ? { ok: false, errors, data, withheld } : { ok: true, data };
}

// settings ------------------------------------------------------------------------------------

const RAG_METHODS: Record<string, RatingMethod['kind']> = {
  variance: 'variance',
  percentagevariance: 'variance',
  a: 'variance',
  methoda: 'variance',
  achievement: 'achievement',
  percentageachieved: 'achievement',
  fourbands: 'achievement',
  b: 'achievement',
  methodb: 'achievement',
};
const FORMULAS: Record<string, 'ratio' | 'baseline'> = { ratio: 'ratio', baseline: 'baseline' };
const POLICIES: Record<string, 'monitor' | 'previous-year'> = {
  monitor: 'monitor',
  previousyear: 'previous-year',
  samperiodlastyear: 'previous-year',
  sameperiodlastyear: 'previous-year',
};

/** How survey and rate indicators are rated (ADR 0019): the fixed tolerance, or significance at a level. */
const SURVEY_RATINGS: Record<string, 'tolerance' | 95 | 99.8> = {
  tolerance: 'tolerance',
  significance95: 95,
  'significance95%': 95,
  'significanceat95%': 95,
  significanceat95: 95,
  significance998: 99.8,
  'significance998%': 99.8,
  'significanceat998%': 99.8,
  significanceat998: 99.8,
};

function validateSettings(s: Sheet, withheld: Withheld): SettingsDef[] {
  const out: SettingsDef[] = [];
  const dup = new Duplicates();
  for (const r of s.rows) {
    s.at(r);
    const yearText = s.required('plan_year');
    const startYear = s.planYear('plan_year', yearText);
    const council = s.optional('council');
    const kind = s.vocab('rag_method', s.required('rag_method'), folded(RAG_METHODS), ['variance', 'achievement']);
    const formulaText = s.optional('formula');
    const formula = s.vocab('formula', formulaText, folded(FORMULAS), ['ratio', 'baseline']);
    const greenFrom = s.number('green_from', { min: 0 });
    const greenAmberFrom = s.number('green_amber_from', { min: 0 });
    const redAmberFrom = s.number('red_amber_from', { min: 0 });
    const redFrom = s.number('red_from', { min: 0 });
    const highRiskFrom = s.number('high_risk_from', { min: 1, integer: true }) ?? 15;
    if (highRiskFrom > 25 || !Number.isInteger(highRiskFrom)) s.error('high_risk_from', s.text('high_risk_from'), 'High risk from must be a whole number from 1 to 25');
    const directionalPolicy =
      s.vocab('directional_targets', s.optional('directional_targets'), folded(POLICIES), ['monitor', 'previous year']) ?? 'monitor';
    const basis = s.vocab('survey_rating', s.optional('survey_rating'), folded(SURVEY_RATINGS), ['tolerance', 'significance 95%', 'significance 99.8%']);
    const significanceLevel = basis === null || basis === 'tolerance' ? null : basis;

    let method: RatingMethod | null = null;
    if (kind === 'variance') {
      for (const column of ['formula', 'green_from', 'green_amber_from', 'red_amber_from']) {
        const v = s.optional(column);
        if (v !== null) s.error(column, v, `${label(column)} applies only to rag_method achievement, not variance`);
      }
      if (redFrom !== null && redFrom <= 0) s.error('red_from', s.text('red_from'), 'Red from must be more than 0');
      method = { kind: 'variance', redFrom: redFrom ?? 10 };
    } else if (kind === 'achievement') {
      const rf = s.optional('red_from');
      if (rf !== null) s.error('red_from', rf, 'Red from applies only to rag_method variance, not achievement');
      const g = greenFrom ?? 100;
      const ga = greenAmberFrom ?? 80;
      const ra = redAmberFrom ?? 65;
      if (!(g > ga)) s.error('green_amber_from', s.text('green_amber_from'), `Green Amber from (${ga}) must be below Green from (${g})`);
      else if (!(ga > ra)) s.error('red_amber_from', s.text('red_amber_from'), `Red Amber from (${ra}) must be below Green Amber from (${ga})`);
      method = { kind: 'achievement', formula: formula ?? 'ratio', greenFrom: g, greenAmberFrom: ga, redAmberFrom: ra };
    }
    if (startYear !== null) dup.check(s, [String(startYear), ''], 'plan_year', yearText, `Plan year ${yearText}`);
    if (s.bad || startYear === null || method === null) {
      if (startYear !== null) withheld.planYears.add(startYear);
      continue;
    }
    out.push({ startYear, method, directionalPolicy, ...(significanceLevel === null ? {} : { significanceLevel }), council, highRiskFrom, row: s.row });
  }
  return out;
}

// priorities ----------------------------------------------------------------------------------

function validatePriorities(s: Sheet): PriorityDef[] {
  const out: PriorityDef[] = [];
  const dup = new Duplicates();
  for (const r of s.rows) {
    s.at(r);
    const committee = s.required('committee');
    const priority = s.required('priority');
    if (committee === null || priority === null) continue;
    dup.check(s, [key(committee), key(priority)], 'priority', priority, `Priority "${priority}" of ${committee}`);
    if (s.bad) continue;
    out.push({ committee, priority, outcome: s.optional('outcome'), corporateOutcome: s.optional('corporate_outcome'), row: s.row });
  }
  return out;
}

// committees ----------------------------------------------------------------------------------

/** The committees sheet and the terms_of_reference sheet (the committees sheet may give terms from the start). */
function committeesAndTerms(committees: Sheet, terms: Sheet): { committees: CommitteeDef[]; terms: TermsDef[] } {
  const fromCommittees: TermsDef[] = [];
  const defs = validateCommittees(committees, fromCommittees);
  return { committees: defs, terms: validateTerms(terms, fromCommittees) };
}

function validateCommittees(s: Sheet, terms: TermsDef[]): CommitteeDef[] {
  const byName = new Map<string, { def: CommitteeDef; years: Map<string, number>; terms: TermsDef | null }>();
  const order: CommitteeDef[] = [];
  for (const r of s.rows) {
    s.at(r);
    const committee = s.required('committee');
    const name = s.optional('name');
    const yearText = s.optional('from_plan_year');
    const fromYear = s.planYear('from_plan_year', yearText);
    const tor = s.optional('terms_of_reference');
    if (committee === null) continue;
    let entry = byName.get(key(committee));
    if (!entry) {
      entry = { def: { names: [{ name: committee, fromYear: null }], row: s.row }, years: new Map(), terms: null };
      byName.set(key(committee), entry);
      order.push(entry.def);
    }
    const renamed = name !== null && key(name) !== key(committee);
    if (renamed && yearText === null) {
      s.error('from_plan_year', '', `From plan year is missing: in which plan year did "${committee}" become "${name}"?`);
    }
    if (fromYear !== null) {
      const firstRow = entry.years.get(String(fromYear));
      if (firstRow !== undefined) {
        s.error('from_plan_year', yearText, `"${committee}" has more than one name from ${formatPeriod({ kind: 'year', startYear: fromYear })} (first on row ${firstRow})`);
      } else {
        entry.years.set(String(fromYear), s.row);
        if (renamed) entry.def.names.push({ name: name!, fromYear });
        else entry.def.names[0]!.fromYear = fromYear;
      }
    }
    // The terms of reference here apply from the start; terms that change go on the terms_of_reference sheet.
    if (tor !== null) {
      if (entry.terms === null) {
        entry.terms = { committee, fromYear: null, text: tor, sheet: 'committees', row: s.row };
        terms.push(entry.terms);
      } else if (entry.terms.text !== tor) {
        s.error(
          'terms_of_reference',
          tor,
          `"${committee}" already has different terms of reference on row ${entry.terms.row}: give them once here, or one row per plan year they apply from on the terms_of_reference sheet`,
        );
      }
    }
  }
  for (const def of order) {
    const [first, ...later] = def.names;
    later.sort((a, b) => (a.fromYear ?? 0) - (b.fromYear ?? 0));
    def.names = [first!, ...later];
  }
  return order;
}

// terms of reference -----------------------------------------------------------------------------

/** One row per committee and plan year the text applies from (blank: from the start), until the next row's year. */
function validateTerms(s: Sheet, fromCommittees: TermsDef[]): TermsDef[] {
  const out: TermsDef[] = [];
  const dup = new Duplicates();
  const undated = new Map(fromCommittees.map((t) => [key(t.committee), t]));
  for (const r of s.rows) {
    s.at(r);
    const committee = s.required('committee');
    const yearText = s.optional('from_plan_year');
    const fromYear = s.planYear('from_plan_year', yearText);
    const text = s.required('terms_of_reference');
    if (committee === null) continue;
    const when = yearText === null ? 'from the start' : `from ${yearText}`;
    if (yearText === null || fromYear !== null) dup.check(s, [key(committee), String(fromYear)], 'from_plan_year', yearText ?? '', `Terms of reference of "${committee}" ${when}`);
    const other = yearText === null ? undated.get(key(committee)) : undefined;
    if (other && text !== null && other.text !== text) {
      s.error('terms_of_reference', text, `"${committee}" already has different terms of reference from the start on row ${other.row} of the committees sheet: give them in one place`);
    }
    if (s.bad || text === null) continue;
    out.push({ committee, fromYear, text, sheet: 'terms_of_reference', row: s.row });
  }
  // The committees sheet's cell, unless a row here gives the same text from the start.
  const here = new Set(out.filter((t) => t.fromYear === null).map((t) => key(t.committee)));
  return [...fromCommittees.filter((t) => !here.has(key(t.committee))), ...out];
}

// indicators ----------------------------------------------------------------------------------

const TYPE_NAMES: Record<string, string> = {
  corporateplanindicator: 'CPI',
  commissioningplanindicator: 'SPI',
  managementagreementindicator: 'MPI',
  contractindicator: 'KPI',
  keyperformanceindicator: 'KPI',
};

function parseType(text: string): string | null {
  const named = folded(TYPE_NAMES)(text);
  if (named) return named;
  const code = text.trim().toUpperCase();
  return /^[A-Z][A-Z0-9]{0,9}$/.test(code) ? code : null;
}

function validateIndicators(s: Sheet, withheld: Withheld): IndicatorDef[] {
  const out: IndicatorDef[] = [];
  const dup = new Duplicates();
  for (const r of s.rows) {
    s.at(r);
    const ref = s.required('ref');
    const yearText = s.optional('plan_year');
    const fromYear = s.planYear('plan_year', yearText);
    const title = s.required('title');
    const committee = s.required('committee');
    const priority = s.required('priority');
    const typeText = s.required('type');
    const type = typeText === null ? null : parseType(typeText);
    if (typeText !== null && type === null) s.error('type', typeText, `Type "${typeText}" is not an indicator type code such as CPI, SPI, MPI or KPI`);
    const polarity = s.vocab('polarity', s.required('polarity'), parsePolarity, Object.values(POLARITY_WORDS));
    const unit = s.vocab('unit', s.required('unit'), parseUnit, Object.values(UNIT_WORDS));
    const frequency = s.vocab('frequency', s.required('frequency'), parseFrequency, Object.values(FREQUENCY_WORDS));
    const basis = s.vocab('basis', s.optional('basis'), parseBasis, Object.values(BASIS_WORDS)) ?? 'discrete';
    const tolerance = s.number('tolerance', { min: 0 });
    if (ref !== null && (yearText === null || fromYear !== null)) {
      dup.check(s, [ref, String(fromYear ?? '')], 'ref', ref, yearText === null ? `Indicator ${ref} (without plan year)` : `Indicator ${ref} for ${yearText}`);
    }
    if (s.bad || !ref || !title || !committee || !priority || !type || !polarity || !unit || !frequency) {
      if (ref !== null) {
        const years = withheld.indicators.get(ref) ?? [];
        if (fromYear !== null) years.push(fromYear);
        withheld.indicators.set(ref, years);
      }
      continue;
    }
    out.push({
      ref,
      fromYear,
      title,
      committee,
      priority,
      type,
      polarity,
      unit,
      frequency,
      basis,
      source: s.optional('source'),
      tolerance,
      definition: s.optional('definition'),
      measuredAgainst: s.optional('measured_against'),
      owner: s.optional('owner'),
      footnote: s.optional('footnote'),
      row: s.row,
    });
  }
  return out;
}

// targets -------------------------------------------------------------------------------------

const TARGET_HELP =
  'write a number (90%, 6 days, £2.2m, 20% reduction), Monitor, Increase, Decrease, Sustain reductions, Remain at or above 85% or N/A';

function validateTargets(s: Sheet): TargetDef[] {
  const out: TargetDef[] = [];
  const dup = new Duplicates();
  for (const r of s.rows) {
    s.at(r);
    const ref = s.required('ref');
    const periodText = s.required('period');
    const period = s.period('period', periodText, ['year', 'quarter']);
    const printed = s.required('target');
    const target = printed === null ? null : parseTargetText(printed);
    if (printed !== null && target === null) s.error('target', printed, `Target "${printed}" is not understood: ${TARGET_HELP}`);
    if (ref !== null && period !== null) dup.check(s, [ref, periodKey(period)], 'period', periodText, `A target for ${ref} in ${periodText}`);
    if (s.bad || !ref || !period || !target || printed === null) continue;
    out.push({ ref, period, target, printed, reason: s.optional('reason'), row: s.row });
  }
  return out;
}

// results -------------------------------------------------------------------------------------

const VALUE_HELP = 'write a number (85%, 717, £6.8m, 8.35 days), optionally with a rating in brackets (67% (G)), or Due Q3 18/19, New (2016/17), Not available, Not collected';
const STATUS_WORDS = ['due', 'not available', 'not collected', 'new'];
const RAG_LIST = ['G', 'GA', 'A', 'RA', 'R', 'Green', 'Green Amber', 'Amber', 'Red Amber', 'Red'];

function validateResults(s: Sheet): ResultDef[] {
  const out: ResultDef[] = [];
  const dup = new Duplicates();
  for (const r of s.rows) {
    s.at(r);
    const ref = s.required('ref');
    const periodText = s.required('period');
    const period = s.period('period', periodText, ['year', 'quarter', 'month']);
    const printed = s.text('value');
    const parsed = parseResultText(printed);
    if (parsed === null) s.error('value', printed, `Value "${printed}" is not understood: ${VALUE_HELP}`);

    const statusText = s.optional('status');
    const statusColumn = s.vocab('status', statusText, parseResultStatus, STATUS_WORDS);
    let status = parsed?.status ?? 'reported';
    if (statusColumn !== null && parsed !== null) {
      if (parsed.status !== 'reported' && parsed.status !== statusColumn) {
        s.error('status', statusText, `Status "${statusText}" does not match the value "${printed}"`);
      } else if (parsed.value !== null && statusColumn !== 'reported' && statusColumn !== 'new') {
        s.error('status', statusText, `A value (${printed}) is given but the status is "${statusText}": leave one of them blank`);
      }
      status = statusColumn;
    }
    if (parsed !== null && status === 'reported' && parsed.value === null) {
      s.error('value', printed, `Value is missing: give the result, or a status (${STATUS_WORDS.join(', ')})`);
    }

    const dataPeriodText = s.optional('data_period') ?? parsed?.dataPeriodHint ?? null;
    const dataPeriod = dataPeriodText === null ? null : parseDataPeriod(dataPeriodText);

    const ratingText = s.optional('printed_rating');
    let printedRag = s.vocab('printed_rating', ratingText, parseRag, RAG_LIST);
    const bracketRag = parsed?.printedRag ?? null;
    if (printedRag !== null && bracketRag !== null && printedRag !== bracketRag) {
      s.error('printed_rating', ratingText, `Printed rating "${ratingText}" does not match the rating in the value "${printed}"`);
    }
    printedRag ??= bracketRag;

    const directionText = s.optional('printed_direction');
    const printedDirection = directionText === null ? null : parsePrintedDirectionCached(directionText);
    if (directionText !== null && printedDirection === null) {
      s.error('printed_direction', directionText, `Printed direction "${directionText}" is not understood: write it as printed, e.g. ↓ W +5.3%, ↑ I, → S, Improving, Worsening, Same, New for 2016/17`);
    }

    const basisText = s.optional('basis');
    const basisColumn = s.vocab('basis', basisText, parseBasis, Object.values(BASIS_WORDS));
    const basisMarker = parsed?.basisHint ?? null;
    if (basisColumn !== null && basisMarker !== null && basisColumn !== basisMarker) {
      s.error('basis', basisText, `Basis "${basisText}" does not match the marker in the value "${printed}"`);
    }
    const basis = basisColumn ?? basisMarker;

    const numerator = s.number('numerator');
    const denominator = s.number('denominator');
    if (denominator === 0) s.error('denominator', s.text('denominator'), 'Denominator cannot be 0');
    if (numerator !== null && numerator < 0) s.error('numerator', s.text('numerator'), 'Numerator cannot be negative: it counts cases or events');
    if (denominator !== null && denominator < 0) s.error('denominator', s.text('denominator'), 'Denominator cannot be negative: it is a sample size or population');
    // A percentage with its numerator and denominator (survey results, ADR 0019): they must give the value
    // as printed, or its confidence interval would be of another figure.
    if (numerator !== null && denominator !== null && denominator > 0 && numerator >= 0 && parsed?.value != null && /%/.test(printed) && !/reduction|increase/i.test(printed)) {
      if (numerator > denominator) {
        s.error('numerator', s.text('numerator'), `Numerator ${s.text('numerator')} is larger than the denominator ${s.text('denominator')}: a percentage cannot have more cases than its sample`);
      } else if (!agreesWith(parsed.value, (numerator * 100) / denominator)) {
        const exact = ((numerator * 100) / denominator).toFixed(2);
        s.error('numerator', s.text('numerator'), `Numerator ${s.text('numerator')} of denominator ${s.text('denominator')} is ${exact}%, not the value ${printed}: give the counts the value was computed from`);
      }
    }

    if (ref !== null && period !== null) dup.check(s, [ref, periodKey(period)], 'period', periodText, `A result for ${ref} in ${periodText}`);
    if (s.bad || !ref || !period || !parsed) continue;
    const benchmarkText = s.optional('benchmark');
    out.push({
      ref,
      period,
      value: parsed.value,
      printed,
      dataPeriod,
      basis,
      status,
      numerator,
      denominator,
      printedRag,
      printedDirection,
      benchmark: benchmarkText === null ? null : parseBenchmarkCached(benchmarkText),
      commentary: s.optional('commentary'),
      intervention: s.optional('intervention'),
      note: s.optional('note'),
      row: s.row,
    });
  }
  return out;
}

// actions -------------------------------------------------------------------------------------

function validateActions(s: Sheet, withheld: Withheld): ActionDef[] {
  const out: ActionDef[] = [];
  const dup = new Duplicates();
  for (const r of s.rows) {
    s.at(r);
    const ref = s.required('ref');
    const committee = s.required('committee');
    const priority = s.required('priority');
    const title = s.required('title');
    const fromText = s.optional('from_plan_year');
    const fromYear = s.planYear('from_plan_year', fromText);
    const toText = s.optional('to_plan_year');
    const toYear = s.planYear('to_plan_year', toText);
    if (fromYear !== null && toYear !== null && toYear < fromYear) {
      s.error('to_plan_year', toText, `To plan year ${toText} is before from plan year ${fromText}: an action is in force from its first plan year to its last`);
    }
    const periodText = s.required('period');
    const period = s.period('period', periodText, ['year', 'quarter', 'month']);
    const ragText = s.text('rag');
    const rag = parseActionRag(ragText);
    if (rag === null) {
      s.error(
        'rag',
        ragText,
        parseRag(ragText) === 'A'
          ? `RAG "${ragText}" is not a key-action rating: use GA (delayed, low impact) or RA (delayed, medium impact)`
          : `RAG "${ragText}" is not one of: ${oneOf(['G', 'GA', 'RA', 'R', 'Green', 'Green Amber', 'Red Amber', 'Red', ACTION_RAG_WORDS['not-rated']])}`,
      );
    }
    if (ref !== null && committee !== null && period !== null) {
      dup.check(s, [`${key(committee)}\u0000${ref}`, periodKey(period)], 'ref', ref, `Action ${ref} of ${committee} in ${periodText}`);
    }
    if (s.bad || !ref || !committee || !priority || !title || !period || !rag) {
      if (ref !== null) withheld.actions.add(ref);
      continue;
    }
    out.push({
      ref,
      committee,
      priority,
      title,
      service: s.optional('service'),
      fromYear,
      toYear,
      period,
      rag,
      commentary: s.optional('commentary'),
      row: s.row,
    });
  }
  return out;
}
