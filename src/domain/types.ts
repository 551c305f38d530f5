/**
 * The vocabulary of the performance framework (DOMAIN.md §2–7).
 * Pure types: no I/O, no framework. Everything else depends on these, never the reverse.
 */

/** "Bigger is Better" / "Smaller is Better". */
export type Polarity = 'bigger' | 'smaller';
export type Unit = 'percent' | 'number' | 'currency' | 'days' | 'rate';
export type Frequency = 'monthly' | 'quarterly' | 'biannual' | 'annual';
/** How a result is accumulated: (c) cumulative, (s) snapshot, (r) rolling 12 months, discrete = the months of the period. */
export type Basis = 'discrete' | 'cumulative' | 'snapshot' | 'rolling';
/** CPI, SPI, MPI, KPI (kept as upper-case text: councils invent more). */
export type IndicatorType = string;

/**
 * A reporting period: a financial year (`2016/17`, startYear 2016), a quarter of one
 * (`Q2 2018/19`: Jul–Sep 2018) or a calendar month (`Aug 2018`, month 1–12).
 */
export type Period =
  | { kind: 'year'; startYear: number }
  | { kind: 'quarter'; startYear: number; quarter: 1 | 2 | 3 | 4 }
  | { kind: 'month'; year: number; month: number };

/** A calendar month, 1–12. */
export interface YearMonth {
  year: number;
  month: number;
}

/**
 * The period a result describes ("Spring 2016", "rolling 12 months to Aug 2018",
 * "Oct 2015 – Sep 2016"). Always keeps the printed label.
 */
export type DataPeriod =
  | { kind: 'wave'; season: 'spring' | 'autumn'; year: number; label: string }
  | { kind: 'range'; from: YearMonth; to: YearMonth; label: string }
  | { kind: 'rolling'; months: number; to: YearMonth; label: string }
  | { kind: 'period'; period: Period; label: string }
  | { kind: 'text'; label: string };

/** What kind of target a cell holds (DOMAIN §3 "Target forms"). */
export type Target =
  /** A number: 90%, 6 days, £2.2m, 15; `qualifier` keeps words like "reduction" ("20% reduction"). */
  | { form: 'value'; value: number; qualifier?: 'reduction' | 'increase' }
  /** "Remain at or above 85%" / "at or below". */
  | { form: 'threshold'; value: number; comparator: 'at-or-above' | 'at-or-below' }
  /** No target, no RAG; direction of travel still shown. */
  | { form: 'monitor' }
  /** Relative to the previous year. */
  | { form: 'directional'; direction: 'increase' | 'decrease' | 'sustain' }
  /** No target for this period ("N/A" quarter targets). */
  | { form: 'not-applicable' };

export type ResultStatus = 'reported' | 'due' | 'not available' | 'not collected' | 'new';

/** Indicator RAG ratings. Method A (variance) uses G/A/R; method B (achievement) uses G/GA/RA/R. */
export type Rag = 'G' | 'GA' | 'A' | 'RA' | 'R';
/** Every outcome a rating can have. */
export type RatingValue = Rag | 'monitor' | 'not-rated';

/** Key-action (commissioning intention) RAG, DOMAIN §7. */
export type ActionRag = 'G' | 'GA' | 'RA' | 'R' | 'not-rated';

/**
 * How a plan year rates indicators (DOMAIN §4). Which method applies is a property of the plan year.
 * - variance (method A): off-target % = shortfall ÷ target × 100 in the direction of polarity;
 *   0 → G; more than 0 and below `redFrom` → A; `redFrom` or more → R.
 * - achievement (method B): % of targeted improvement achieved, by `formula`
 *   ratio: result ÷ target (target ÷ result for Smaller is Better);
 *   baseline: (result − baseline) ÷ (target − baseline), baseline = the previous year's result;
 *   ≥ greenFrom → G; ≥ greenAmberFrom → GA; ≥ redAmberFrom → RA; otherwise R.
 */
export type RatingMethod =
  | { kind: 'variance'; redFrom: number }
  | {
      kind: 'achievement';
      formula: 'ratio' | 'baseline';
      greenFrom: number;
      greenAmberFrom: number;
      redAmberFrom: number;
    };

/**
 * Directional targets ("Increase", "Decrease", "Sustain reductions"):
 * - monitor: counted under Monitor, no RAG (the 2016/17 annual report);
 * - previous-year: rated against the same period last year.
 */
export type DirectionalPolicy = 'monitor' | 'previous-year';

export interface PlanYearSettings {
  /** `2016/17` → 2016. */
  startYear: number;
  method: RatingMethod;
  directionalPolicy: DirectionalPolicy;
  /**
   * How survey and rate indicators with a numerator and denominator are rated (ADR 0019): by significance
   * at this confidence level, or (null or absent) by the fixed survey tolerance.
   */
  significanceLevel?: SignificanceLevel | null;
}

/** The confidence levels a plan year may rate by (Fingertips' two). */
export type SignificanceLevel = 95 | 99.8;

/** The reason behind a rating: method, inputs, measure and band, and a sentence a person can read. */
export interface RatingReason {
  method: RatingMethod['kind'] | 'none';
  /** e.g. "off target by 5.6% (shortfall 5 ÷ target 90): up to 9.9% off target = AMBER". */
  text: string;
  result: number | null;
  target: Target | null;
  /** The number actually compared (a directional target under previous-year policy compares with last year's result). */
  comparedWith: number | null;
  /** Off-target % (variance) or % of targeted improvement achieved (achievement). */
  measure: number | null;
  /** The band's printed description, e.g. "> 80% < 100%". */
  band: string | null;
  tolerance: number | null;
  withinTolerance: boolean;
  /** Present when a person overrode the computed rating. */
  override?: { computed: RatingValue; reason: string };
}

export interface Rating {
  value: RatingValue;
  reason: RatingReason;
}

export type DirectionStatus = 'improving' | 'worsening' | 'same' | 'new' | 'not-applicable';

export interface Direction {
  status: DirectionStatus;
  /** (this − comparison) ÷ comparison × 100; null when there is nothing to compare. */
  percentage: number | null;
  change: number | null;
  current: number | null;
  comparison: number | null;
  /** Which period was compared with, e.g. "Q2 2017/18". */
  comparedWith: string | null;
  /** A survey change within the indicator's tolerance is not statistically significant. */
  withinTolerance: boolean;
  reason: string;
}
