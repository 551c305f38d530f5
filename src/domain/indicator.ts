/**
 * The one shape of an indicator definition everywhere past the database (reports, pages, forms, the
 * import's comparison): one version, in force from `fromYear` until a later version replaces it
 * (inForce.ts). The import workbook has its own row shape (workbook/model.ts), mapped to this on import.
 */
export interface IndicatorDefinition {
  indicatorId: number;
  fromYear: number | null;
  title: string;
  committeeId: number;
  priorityId: number;
  type: string;
  polarity: string;
  unit: string;
  frequency: string;
  basis: string;
  source: string | null;
  tolerance: number | null;
  definition: string | null;
  measuredAgainst: string | null;
  owner: string | null;
  footnote: string | null;
}

