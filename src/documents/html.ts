/**
 * The report document as one complete, accessible HTML page: semantic headings, tables with captions
 * and scoped header cells, RAG shown as text and colour, charts as inline SVG with their data, and a
 * print stylesheet for A4. Lays out the blocks of `model.ts`; computes nothing.
 */
import { RAG_FILL, RAG_INK, type Block, type Cell, type ReportDocument, type Run, type TableBlock } from './model.ts';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const runs = (rs: Run[]) =>
  rs
    .map((r) => {
      if (typeof r === 'string') return escapeHtml(r);
      let t = escapeHtml(r.text);
      if (r.bold) t = `<strong>${t}</strong>`;
      if (r.italic) t = `<em>${t}</em>`;
      return t;
    })
    .join('');

const noteRefs = (notes: number[] | undefined) =>
  (notes ?? []).map((n) => `<sup class="fnref"><a href="#fn-${n}" aria-label="Footnote ${n}">${n}</a></sup>`).join('');

function cellHtml(cell: Cell, tag: 'th' | 'td', scope?: string): string {
  const attrs: string[] = [];
  if (scope) attrs.push(`scope="${scope}"`);
  if (cell.colSpan && cell.colSpan > 1) attrs.push(`colspan="${cell.colSpan}"`);
  if (cell.rowSpan && cell.rowSpan > 1) attrs.push(`rowspan="${cell.rowSpan}"`);
  const classes = [cell.rag ? `rag rag-${cell.rag}` : '', cell.align && cell.align !== 'left' ? `align-${cell.align}` : '', cell.bold && tag === 'td' ? 'strong' : '']
    .filter(Boolean)
    .join(' ');
  if (classes) attrs.push(`class="${classes}"`);
  if (cell.source) attrs.push(`data-source="${escapeHtml(cell.source)}"`);
  if (cell.source && cell.format) attrs.push(`data-format="${cell.format}"`);
  let body = (cell.source ? `<span class="figure">${escapeHtml(cell.text)}</span>` : escapeHtml(cell.text)) + escapeHtml(cell.suffix ?? '');
  body += noteRefs(cell.notes);
  if (cell.detail) body += `<span class="detail">${escapeHtml(cell.detail)}</span>`;
  if (cell.items?.length) body += `<ul>${cell.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
  return `<${tag}${attrs.length ? ' ' + attrs.join(' ') : ''}>${body}</${tag}>`;
}

const isEmpty = (c: Cell) => !c.text.trim() && !c.suffix && !c.detail && !c.items?.length;

function tableHtml(t: TableBlock): string {
  const total = t.widths.reduce((a, b) => a + b, 0);
  const cols = t.widths.map((w) => `<col style="width:${((w / total) * 100).toFixed(1)}%">`).join('');
  const head = t.header
    // A header cell with nothing in it heads nothing: an empty <td>, not an empty <th>.
    .map((row) => `<tr>${row.map((c) => (isEmpty(c) ? cellHtml(c, 'td') : cellHtml(c, 'th', c.colSpan && c.colSpan > 1 ? 'colgroup' : 'col'))).join('')}</tr>`)
    .join('');
  const body = t.rows
    .map((row) => `<tr>${row.map((c, i) => (i === 0 && t.rowHeaders ? cellHtml(c, 'th', 'row') : cellHtml(c, 'td'))).join('')}</tr>`)
    .join('');
  return `<div class="table-wrap"><table id="${t.id}" class="${t.dense ? 'dense' : ''}"><caption>${escapeHtml(t.caption)}</caption><colgroup>${cols}</colgroup>${
    t.header.length ? `<thead>${head}</thead>` : ''
  }<tbody>${body}</tbody></table></div>`;
}

/** "Footnote 3", "Footnotes 1 to 4". */
function footnotesLabel(numbers: number[]): string {
  const first = Math.min(...numbers);
  const last = Math.max(...numbers);
  return first === last ? `Footnote ${first}` : `Footnotes ${first} to ${last}`;
}

function blockHtml(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level} id="${escapeHtml(b.id)}">${escapeHtml(b.text)}</h${b.level}>`;
    case 'paragraph': {
      const classes = [b.style && b.style !== 'normal' ? b.style : '', b.indent ? `indent-${b.indent}` : ''].filter(Boolean).join(' ');
      return `<p${classes ? ` class="${classes}"` : ''}>${runs(b.runs)}</p>`;
    }
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}${b.style === 'small' ? ' class="small"' : ''}>${b.items.map((i) => `<li>${runs(i)}</li>`).join('')}</${tag}>`;
    }
    case 'keyValue':
      return `<table id="${b.id}" class="cover"><caption class="visually-hidden">${escapeHtml(b.caption)}</caption><tbody>${b.items
        .map((i) => `<tr><th scope="row">${escapeHtml(i.key)}</th><td>${i.value.map((v) => escapeHtml(v)).join('<br>')}</td></tr>`)
        .join('')}</tbody></table>`;
    case 'table':
      return tableHtml(b);
    case 'chart': {
      const c = b.chart;
      const data = `<table class="dense chart-data"><caption>Data: ${escapeHtml(c.title)}</caption><thead><tr>${c.data.header
        .map((h) => `<th scope="col">${escapeHtml(h)}</th>`)
        .join('')}</tr></thead><tbody>${c.data.rows
        .map((r) => `<tr><th scope="row">${escapeHtml(r[0] ?? '')}</th>${r.slice(1).map((v) => `<td>${escapeHtml(v)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
      return `<figure class="chart" id="${c.id}">${c.svg}<figcaption>${escapeHtml(c.title)}</figcaption>${data}</figure>`;
    }
    case 'footnotes':
      // Each block of footnotes is a landmark of its own: named by its numbers, so no two share a name.
      return `<aside class="footnotes" aria-label="${footnotesLabel(b.items.map((f) => f.number))}"><ol>${b.items
        .map((f) => `<li id="fn-${f.number}" value="${f.number}">${escapeHtml(f.text)}</li>`)
        .join('')}</ol></aside>`;
    case 'pageBreak':
      return '<div class="page-break" aria-hidden="true"></div>';
  }
}

const ragCss = Object.entries(RAG_FILL)
  .map(([k, fill]) => `.rag-${k}{background:${fill};color:${RAG_INK[k as keyof typeof RAG_INK]}}`)
  .join('\n');

const CSS = `
*{box-sizing:border-box}
body{font-family:Arial,Helvetica,sans-serif;color:#0b0c0c;line-height:1.4;margin:0;background:#fff}
main{max-width:62rem;margin:0 auto;padding:1.5rem}
header.running{border-bottom:2px solid #0b0c0c;padding:.5rem 1.5rem;font-size:.9rem;display:flex;justify-content:space-between;gap:1rem}
h1{font-size:1.8rem;margin:.5rem 0 1rem}
h2{font-size:1.4rem;margin:2rem 0 .75rem;border-bottom:1px solid #b1b4b6;padding-bottom:.25rem}
h3{font-size:1.15rem;margin:1.5rem 0 .5rem}
p.lead{font-size:1.15rem}
p.indent-1{margin-left:1.5rem}p.indent-2{margin-left:3rem}p.indent-3{margin-left:4.5rem}
p.small,ul.small{font-size:.85rem;color:#383f43}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.9rem}
table.dense{font-size:.8rem}
caption{text-align:left;font-weight:bold;padding:.25rem 0;caption-side:top}
th,td{border:1px solid #b1b4b6;padding:.3rem .4rem;vertical-align:top;text-align:left}
thead th{background:#e8ebed}
tbody th{font-weight:normal}
td.strong,th.strong{font-weight:bold}
.align-center{text-align:center}
.align-right{text-align:right}
.detail{display:block;font-size:.8em;color:#505a5f;font-weight:normal}
.rag .detail{color:inherit}
td ul,th ul{margin:.25rem 0;padding-left:1.1rem}
table.cover{width:auto;min-width:60%}
table.cover th{background:#f3f2f1;font-weight:bold;width:14rem}
.table-wrap{overflow-x:auto}
${ragCss}
.fnref{font-size:.7em;line-height:0}
.footnotes{font-size:.8rem;border-top:1px solid #b1b4b6;margin:.25rem 0 1rem}
.footnotes ol{margin:.25rem 0;padding-left:1.5rem}
figure.chart{margin:1rem 0}
figure.chart svg{max-width:100%;height:auto}
figcaption{font-weight:bold;font-size:.9rem}
table.chart-data{width:auto;min-width:40%}
.visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;white-space:nowrap!important;border:0!important}
a{color:#1d70b8}
@media print{
  @page{size:A4;margin:15mm 12mm 18mm}
  body{font-size:10pt}
  main{max-width:none;padding:0}
  header.running{padding:0 0 4pt;font-size:8pt}
  h1,h2,h3{break-after:avoid;page-break-after:avoid}
  table{font-size:8.5pt}
  table.dense{font-size:7.5pt}
  thead{display:table-header-group}
  tr,figure,.footnotes li{break-inside:avoid;page-break-inside:avoid}
  .table-wrap{overflow:visible}
  .page-break{break-before:page;page-break-before:always}
  th,td{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  a{color:inherit;text-decoration:none}
}
`;

export function renderHtml(doc: ReportDocument): string {
  const body = doc.blocks.map(blockHtml).join('\n');
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
<meta name="author" content="${escapeHtml(doc.author)}">
<meta name="description" content="${escapeHtml(doc.subject)}">
<style>${CSS}</style>
</head>
<body>
<header class="running"><span>${escapeHtml(doc.council)}</span><span>${escapeHtml(doc.committee)} — ${escapeHtml(doc.period)}</span></header>
<main id="main-content">
${body}
</main>
</body>
</html>
`;
}
