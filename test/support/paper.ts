/** A small report document (a heading, a paragraph with an arrow, an 80-row table: two pages) for renderer tests. */
import type { ReportDocument } from '../../src/documents/model.ts';

export function paper(title: string): ReportDocument {
  return {
    kind: 'quarterly',
    title,
    subtitle: 'Test Committee, 1 April 2026',
    runningHead: `${title} — Q1 2026/27`,
    council: 'Test Borough Council',
    committee: 'Test Committee',
    period: 'Q1 2026/27',
    lang: 'en-GB',
    author: 'Test Borough Council',
    subject: 'Performance',
    keywords: ['performance'],
    blocks: [
      { kind: 'heading', level: 1, text: title, id: 'top' },
      { kind: 'paragraph', runs: ['Results ', { text: 'improved', bold: true }, ' → against target.'] },
      {
        kind: 'table',
        id: 'table-1',
        caption: 'Indicators',
        header: [[{ text: 'Ref' }, { text: 'Result' }]],
        rows: Array.from({ length: 80 }, (_, i) => [{ text: `T/${i + 1}` }, { text: `${(i * 1.5).toFixed(1)}%`, align: 'right' as const }]),
        widths: [50, 50],
      },
    ],
  } as ReportDocument;
}
