/**
 * Comparator data in and ranks out (issue 13, deliverables 2, 3 and 7): a CSV file in LG Inform's or
 * Fingertips' shape is imported all or nothing, every error at once located by row and column; the
 * demo's values reproduce "8th lowest of 32 London boroughs" for the overall crime rate in Q2 2018/19 on
 * the indicator page, computed; and `townhall check` reports a rank in commentary the values contradict.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadComparatorsDemo } from '../../src/app.ts';
import { run } from '../../src/cli/main.ts';
import { engines } from '../support/db.ts';
import { publishedDemo, type PublishedDemo } from '../support/demo.ts';
import { signInAs } from '../support/auth.ts';
import { text } from '../support/html.ts';
import { englandGroup, findArea } from '../../src/domain/areas.ts';
import { ordinal } from '../../src/domain/ranking.ts';
import { renderPerformanceMarkdown } from '../../src/reports/markdown.ts';
import { renderReport } from '../../src/reports/render.ts';
import { capture } from '../support/cliIo.ts';

function upload(fields: Record<string, string>, filename: string, content: string, fileField = 'values') {
  const boundary = '----townhallComparatorsBoundary';
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  const payload = Buffer.from(`${parts.join('')}--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}


const FINGERTIPS_HEADER =
  'Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note';

describe.each(engines())('comparators on %s', (engine) => {
  let demo: PublishedDemo;
  let dir: string;
  const count = async () => Number((await sql<{ n: string }>`select count(*)::text as n from comparator_value`.execute(demo.t.handle.db)).rows[0]!.n);
  const audits = async () => Number((await sql<{ n: string }>`select count(*)::text as n from audit_event where entity = 'comparator_value'`.execute(demo.t.handle.db)).rows[0]!.n);

  beforeAll(async () => {
    demo = await publishedDemo(engine, 'community-leadership-committee');
    await loadComparatorsDemo(demo.t.app);
    dir = await mkdtemp(join(tmpdir(), 'townhall-comparators-'));
  }, 120_000);
  afterAll(async () => {
    await demo?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the demo reproduces "8th lowest of 32 London boroughs" for CG/CR1 in Q2 2018/19, computed', async () => {
    const positions = await demo.t.app.comparators.positionsByRef('CG/CR1', { polarity: 'smaller', unit: 'rate', periods: [{ key: '2018-Q2', value: 71.1 }] });
    const london = positions!.groups.find((g) => g.group.id === 'london-boroughs')!;
    const q2 = london.periods.find((p) => p.period === '2018-Q2')!;
    expect(q2.ranking.size).toBe(32);
    expect(q2.ranking.area!.rank).toBe(8);
    expect(q2.ranking.sentence).toMatch(/^Barnet is 8th lowest of 32 London boroughs/);
    expect(q2.illustrative).toBe(true);
    expect(q2.region).toEqual({ name: 'London', value: 93.71 });
  });

  it("prints the position in the committee's papers from the values stored when the report is built; a published paper keeps its own", async () => {
    const report = await demo.t.app.reports.performanceReport({ committee: 'Community Leadership and Libraries Committee', period: 'Q2 2018/19' });
    const cr1 = report.indicators.find((i) => i.ref === 'CG/CR1')!;
    expect(cr1.positions).toEqual([
      expect.objectContaining({ group: 'London boroughs', rank: '8th', size: 32, illustrative: true, sentence: 'Barnet is 8th lowest of 32 London boroughs (1st quartile, best quarter)' }),
    ]);
    expect(cr1.positions![0]!.summary).toMatch(/^London boroughs: mean [\d.]+, median [\d.]+$/);
    // Indicators with no comparator values for the period have none.
    expect(report.indicators.filter((i) => i.positions!.length).map((i) => i.ref)).toEqual(['CG/CR1']);
    const markdown = renderPerformanceMarkdown(report);
    expect(markdown).toContain('## How we compare');
    expect(markdown).toContain('**CG/CR1** Barnet is 8th lowest of 32 London boroughs (1st quartile, best quarter) (some values illustrative).');
    const html = await renderReport('quarterly', report, {}, 'html');
    expect(text(html.body.toString())).toContain('How we compare');
    // The public paper is the version published before these values were imported: it prints no positions,
    // and importing values never changes what was published.
    const published = await demo.server.inject('/committees/community-leadership-committee/2018-19-q2/reports/quarterly.html');
    expect(published.statusCode).toBe(200);
    expect(text(published.body)).not.toContain('How we compare');
  });

  it('shows the position, the charts and the illustrative notice on the public indicator page', async () => {
    const res = await demo.server.inject({ url: '/indicators/cg-cr1' });
    expect(res.statusCode).toBe(200);
    const page = text(res.body);
    expect(page).toContain('Barnet is 8th lowest of 32 London boroughs');
    expect(page).toMatch(/illustrative/i);
    expect(res.body).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="position-/);
    expect(res.body).toContain('Sutton');
  });

  it('refuses a file with several mistakes, listing each by row and column, and writes nothing', async () => {
    const before = await count();
    const beforeAudits = await audits();
    const file = join(dir, 'fingertips.csv');
    await writeFile(
      file,
      [
        FINGERTIPS_HEADER,
        '93014,Crime rate,E12000007,London,E09000004,Bexley,London borough,Persons,All ages,,,Q2 2018/19,64.3,60,70,,,,,',
        '93014,Crime rate,E12000007,London,E9000005,Brent,London borough,Persons,All ages,,,Q2 2018/19,99.4,,,,,,,',
        '93014,Crime rate,E12000007,London,E09000006,Bromley,London borough,Persons,All ages,,,Q7 2018/19,70.4,,,,,,,',
        '93014,Crime rate,E12000007,London,E09000007,Camden,London borough,Persons,All ages,,,Q2 2018/19,lots,,,,,,,',
        '93014,Crime rate,E12000007,London,E09000007,Camden,London borough,Persons,All ages,Deprivation decile,Most deprived,Q2 2018/19,150,,,,,,,',
        '93014,Crime rate,E12000007,London,E09000004,Bexley,London borough,Persons,All ages,,,Q2 2018/19,64.9,,,,,,,',
        '93014,Crime rate,E12000007,London,E09000008,Croydon,London borough,Persons,All ages,,,Q2 2018/19,92.5,95,99,,,,,',
      ].join('\n'),
    );
    const outcome = await demo.t.app.comparators.importCsv(file, { indicator: 'CG/CR1', actor: 'test' });
    expect(outcome.ok).toBe(false);
    const where = (outcome as { errors: { row: number | null; column: string | null; value: string | null }[] }).errors.map((e) => [e.row, e.column, e.value]);
    expect(where).toEqual([
      [3, 'Area Code', 'E9000005'],
      [4, 'Time period', 'Q7 2018/19'],
      [5, 'Value', 'lots'],
      [7, 'Area Code', 'E09000004'],
      [8, 'Value', '92.5'],
    ]);
    expect(await count()).toBe(before);
    expect(await audits()).toBe(beforeAudits);

    const io = capture();
    // The command closes the app it is given when done: give it one whose closing leaves the database open.
    expect(await run(['comparators', 'import', file, '--indicator', 'CG/CR1'], io, async () => ({ ...demo.t.app, close: async () => undefined }))).toBe(1);
    expect(io.stderr.join('\n')).toContain('Nothing was imported: 5 errors');
    expect(io.stderr.join('\n')).toContain('fingertips.csv, row 3, column Area Code');
  });

  it('refuses an unknown indicator and, with a good file, writes every value in one audited step', async () => {
    const file = join(dir, 'lginform.csv');
    await writeFile(file, ['Area Code,Area Name,Period,Value', 'E09000004,Bexley,Q2 2017/18,60.1', 'E09000006,Bromley,Q2 2017/18,69.9'].join('\n'));
    const unknown = await demo.t.app.comparators.importCsv(file, { indicator: 'XX/1', actor: 'test' });
    expect(unknown).toMatchObject({ ok: false, errors: [{ column: '--indicator', value: 'XX/1' }] });

    const before = await count();
    const dry = await demo.t.app.comparators.importCsv(file, { indicator: 'CG/CR1', actor: 'test', dryRun: true });
    expect(dry).toMatchObject({ ok: true, dryRun: true, added: 2 });
    expect(await count()).toBe(before);
    const done = await demo.t.app.comparators.importCsv(file, { indicator: 'CG/CR1', actor: 'test' });
    expect(done).toMatchObject({ ok: true, added: 2, changed: 0 });
    expect(await count()).toBe(before + 2);
    const again = await demo.t.app.comparators.importCsv(file, { indicator: 'CG/CR1', actor: 'test' });
    expect(again).toMatchObject({ ok: true, added: 0, changed: 0, unchanged: 2 });
  });

  it('`townhall check` agrees with the demo commentary and reports a rank the values contradict', async () => {
    const agreed = await demo.t.app.checks.run();
    expect(agreed.findings.filter((f) => f.ref === 'CG/CR1' && f.kind === 'stated-figure')).toEqual([]);

    // Move Barnet's neighbour below it: Barnet is now 9th lowest, and the commentary's "8th lowest" is contradicted.
    const file = join(dir, 'moved.csv');
    await writeFile(file, ['Ref,Area Code,Area Name,Time period,Value', 'CG/CR1,E09000016,Havering,Q2 2018/19,70.9'].join('\n'));
    expect((await demo.t.app.comparators.importCsv(file, { actor: 'test' })).ok).toBe(true);
    const report = await demo.t.app.checks.run();
    const found = report.findings.filter((f) => f.ref === 'CG/CR1' && f.kind === 'stated-figure');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('8th lowest');
    expect(found[0]!.message).toContain('9th lowest of 32 London boroughs');
    // The "2nd lowest rate of violent crime" is of another measure: not checked against the overall crime rate.
    expect(found[0]!.quote).toContain('8th lowest');
  });

  it('ranks in a named group once it is imported, and follows a change of the group or of the council’s area', async () => {
    const rank = () => demo.t.app.comparators.positionsByRef('CG/CR1', { polarity: 'smaller', unit: 'rate', periods: [{ key: '2018-Q2', value: 71.1 }] });
    const sizes = async () => Object.fromEntries((await rank())!.groups.map((g) => [g.group.name, g.periods[0]!.ranking.size]));
    expect(await sizes()).toEqual({ 'London boroughs': 32 });
    // A period with no values of an indicator that has some: no groups; an indicator with none: nothing.
    expect(await demo.t.app.comparators.positionsByRef('CG/CR1', { polarity: 'smaller', unit: 'rate', periods: [{ key: '2010-Q1', value: 1 }] })).toEqual({ areaCode: 'E09000003', areaName: 'Barnet', groups: [] });
    expect(await demo.t.app.comparators.positionsByRef('CG/CR1', { polarity: 'smaller', unit: 'rate', periods: [] })).toEqual({ areaCode: 'E09000003', areaName: 'Barnet', groups: [] });
    expect(await demo.t.app.comparators.positionsByRef('CG/S9', { polarity: 'bigger', unit: 'percent', periods: [{ key: '2018-Q2', value: 1 }] })).toBeNull();
    const file = join(dir, 'neighbours.csv');
    await writeFile(file, ['Area Code', 'E09000003', 'E09000004', 'E09000016', 'E09000029'].join('\n'));
    expect(await demo.t.app.comparators.importGroup('Nearest neighbours (test)', file, 'test')).toMatchObject({ ok: true, areas: 4 });
    expect(await sizes()).toEqual({ 'London boroughs': 32, 'Nearest neighbours (test)': 4 });
    // The group replaced by one without Barnet: Barnet is not ranked in it.
    await writeFile(file, ['Area Code', 'E09000004', 'E09000016', 'E09000029'].join('\n'));
    expect(await demo.t.app.comparators.importGroup('Nearest neighbours (test)', file, 'test')).toMatchObject({ ok: true, areas: 3 });
    expect(await sizes()).toEqual({ 'London boroughs': 32 });
    // Another area for the council: ranked as Bexley, in the group that now holds it.
    expect(await demo.t.app.comparators.setCouncilArea('E09000004', 'test')).toEqual({ ok: true });
    try {
      const bexley = await rank();
      expect(bexley!.areaName).toBe('Bexley');
      expect(Object.fromEntries(bexley!.groups.map((g) => [g.group.name, g.periods[0]!.ranking.area!.code]))).toEqual({ 'London boroughs': 'E09000004', 'Nearest neighbours (test)': 'E09000004' });
    } finally {
      expect(await demo.t.app.comparators.setCouncilArea('E09000003', 'test')).toEqual({ ok: true });
    }
    expect((await rank())!.areaName).toBe('Barnet');
    // The group removed: the tests after this one start with none.
    for (const group of await demo.t.app.comparators.groups()) expect(await demo.t.app.comparators.removeGroup(group.id, 'test')).toBe(true);
  });

  it('the upload page: every error of a file at once and nothing written; check only saves nothing; then an import', async () => {
    const officer = await signInAs(demo.t.app, 'performance-officer', { email: `po-${engine}@council.gov.uk` });
    const post = (fields: Record<string, string>, content: string) => {
      const up = upload(fields, 'values.csv', content);
      return demo.server.inject({ method: 'POST', url: `/comparators/import?_csrf=${encodeURIComponent(officer.csrfToken)}`, payload: up.payload, headers: { ...up.headers, cookie: officer.cookie } });
    };
    expect((await demo.server.inject({ url: '/comparators/import', headers: { cookie: officer.cookie } })).statusCode).toBe(200);
    const before = await count();
    const bad = await post({ indicator: 'CG/CR1' }, 'Area Code,Area Name,Period,Value\nE0900000X,Nowhere,Q2 2016/17,1\nE09000004,Bexley,Q9 2016/17,2\n');
    expect(bad.statusCode).toBe(400);
    const page = text(bad.body);
    expect(page).toContain('Nothing was imported: 2 errors in values.csv');
    expect(page).toContain('values.csv, row 2, column Area Code');
    expect(page).toContain('values.csv, row 3, column Period');
    expect(await count()).toBe(before);
    const good = 'Area Code,Area Name,Period,Value\nE09000004,Bexley,Q2 2016/17,58.2\n';
    const checked = await post({ indicator: 'CG/CR1', checkOnly: 'yes' }, good);
    expect(text(checked.body)).toContain('Checked: nothing saved. The file would import 1 new');
    expect(await count()).toBe(before);
    const imported = await post({ indicator: 'CG/CR1' }, good);
    expect(imported.statusCode).toBe(200);
    expect(text(imported.body)).toContain('Imported 1 new and 0 changed values');
    expect(await count()).toBe(before + 1);
  });

  it('ranks among every English local authority only when most have a value for the period', async () => {
    // The demo's values are London's only: no England rank "of 32" is made from them.
    const london = await demo.t.app.comparators.positionsByRef('CG/CR1', { polarity: 'smaller', unit: 'rate', periods: [{ key: '2018-Q2', value: 71.1 }] });
    expect(london!.groups.map((g) => g.group.name)).toEqual(['London boroughs']);
    // A national file: every English local authority's value of CG/C4 in 2016/17 (Barnet's is its result).
    const areas = englandGroup().areaCodes;
    const file = join(dir, 'england.csv');
    const row = (code: string, n: number, period = '2016/17') => `${code},${findArea(code)!.name.replace(/,/g, '')},${period},${code === 'E09000003' ? '' : (20 + (n % 40) / 2).toFixed(1)}`;
    await writeFile(file, ['Area Code,Area Name,Period,Value', ...areas.map((c, n) => row(c, n))].join('\n'));
    expect(await demo.t.app.comparators.importCsv(file, { indicator: 'CG/C4', actor: 'test' })).toMatchObject({ ok: true, added: areas.length });
    const national = await demo.t.app.comparators.positionsByRef('CG/C4', { polarity: 'smaller', unit: '%', periods: [{ key: '2016', value: 21 }] });
    const england = national!.groups.find((g) => g.group.id === 'england')!;
    const ranking = england.periods[0]!.ranking;
    expect(ranking.size).toBe(296);
    // 21.0 is beaten by the values 20.0 and 20.5 (ranks computed, ties shared).
    const better = areas.filter((c, n) => c !== 'E09000003' && 20 + (n % 40) / 2 < 21).length;
    expect(ranking.area!.rank).toBe(better + 1);
    expect(ranking.sentence).toMatch(new RegExp(`^Barnet is =?${ordinal(better + 1)} lowest of 296 English local authorities`));
    // Under half the country is not enough: with 140 other values (and Barnet's) in 2015/16 the England group is not ranked.
    await writeFile(file, ['Area Code,Area Name,Period,Value', ...areas.slice(0, 141).map((c, n) => row(c, n, '2015/16'))].join('\n'));
    expect(await demo.t.app.comparators.importCsv(file, { indicator: 'CG/C4', actor: 'test' })).toMatchObject({ ok: true });
    const partial = await demo.t.app.comparators.positionsByRef('CG/C4', { polarity: 'smaller', unit: '%', periods: [{ key: '2015', value: 21 }] });
    expect(partial?.groups.find((g) => g.group.id === 'england')).toBeUndefined();
  });

  it('the groups page: a missing name and every error of the file at once, nothing written; check only; then a group added, listed, replaced and removed, audited', async () => {
    const admin = await signInAs(demo.t.app, 'administrator', { email: `admin-groups-${engine}@council.gov.uk` });
    const post = (fields: Record<string, string>, content: string, filename = 'neighbours.csv') => {
      const up = upload(fields, filename, content, 'group');
      return demo.server.inject({ method: 'POST', url: `/comparators/groups?_csrf=${encodeURIComponent(admin.csrfToken)}`, payload: up.payload, headers: { ...up.headers, cookie: admin.cookie } });
    };
    const groups = async () => Number((await sql<{ n: string }>`select count(*)::text as n from comparator_group_area`.execute(demo.t.handle.db)).rows[0]!.n);
    const groupAudits = async () => Number((await sql<{ n: string }>`select count(*)::text as n from audit_event where entity = 'comparator_group'`.execute(demo.t.handle.db)).rows[0]!.n);
    const empty = await demo.server.inject({ url: '/comparators/groups', headers: { cookie: admin.cookie } });
    expect(empty.statusCode).toBe(200);
    expect(text(empty.body)).toContain('The council has no named groups yet.');
    expect(empty.body).toContain('href="/comparators/import"');
    expect((await demo.server.inject({ url: '/comparators/import', headers: { cookie: admin.cookie } })).body).toContain('href="/comparators/groups"');

    const before = { areas: await groups(), audits: await groupAudits() };
    const bad = await post({ name: '  ' }, 'Area Code,Area Name\nE09000004,Bexley\nE0900000X,Nowhere\nE09000004,Bexley again\n');
    expect(bad.statusCode).toBe(400);
    const page = text(bad.body);
    expect(page).toContain('Enter a name for the comparator group');
    expect(bad.body).toContain('href="#name"');
    expect(page).toContain('Nothing was saved: 2 errors in neighbours.csv');
    expect(page).toContain('neighbours.csv, row 3, column Area Code: Not an ONS GSS code');
    expect(page).toContain('neighbours.csv, row 4, column Area Code: E09000004 is already on row 2');
    const noColumn = await post({ name: 'Nearest neighbours' }, 'Code of area\nE09000004\n');
    expect(text(noColumn.body)).toContain('neighbours.csv, row 1, column Area Code: No "Area Code" column');
    const noFile = await demo.server.inject({ method: 'POST', url: `/comparators/groups?_csrf=${encodeURIComponent(admin.csrfToken)}`, payload: upload({ name: '' }, '', '', 'group').payload, headers: { ...upload({}, '', '').headers, cookie: admin.cookie } });
    expect(noFile.statusCode).toBe(400);
    expect(text(noFile.body)).toContain('Select a CSV file to upload');
    expect(text(noFile.body)).toContain('Enter a name for the comparator group');
    expect(await groups()).toBe(before.areas);
    expect(await groupAudits()).toBe(before.audits);

    const good = 'Area Code,Area Name\nE09000003,Barnet\nE09000004,Bexley\ne09000006,Bromley\n';
    const checked = await post({ name: 'Nearest neighbours', checkOnly: 'yes' }, good);
    expect(checked.statusCode).toBe(200);
    expect(text(checked.body)).toContain('Checked: nothing saved. The file would add the group Nearest neighbours: 3 areas');
    expect(await groups()).toBe(before.areas);
    expect(await groupAudits()).toBe(before.audits);

    const added = await post({ name: ' Nearest neighbours ' }, good);
    expect(added.statusCode).toBe(200);
    expect(text(added.body)).toContain('Added the group Nearest neighbours: 3 areas');
    expect(text(added.body)).toContain('Bromley (E09000006)');
    expect(await groups()).toBe(before.areas + 3);
    expect(await groupAudits()).toBe(before.audits + 1);
    expect((await demo.t.app.comparators.groups()).map((g) => [g.name, g.areaCodes])).toEqual([['Nearest neighbours', ['E09000003', 'E09000004', 'E09000006']]]);
    const listed = text((await demo.server.inject({ url: '/comparators/groups', headers: { cookie: admin.cookie } })).body);
    expect(listed).toContain('Nearest neighbours');
    expect(listed).toContain('3 areas');
    expect(listed).toContain('Barnet (E09000003)');

    // The same name, any case: the group is replaced, keeping its name; Barnet is then not in it.
    const replaced = await post({ name: 'nearest NEIGHBOURS' }, 'Area Code\nE09000004\nE09000006\n');
    expect(text(replaced.body)).toContain('Replaced the group Nearest neighbours: 2 areas');
    expect(text(replaced.body)).toContain("The council's area (Barnet (E09000003)) is not in the group");
    expect(await groups()).toBe(before.areas + 2);
    const audit = (await sql<{ action: string; before: unknown; actor: string }>`select action, before, actor from audit_event where entity = 'comparator_group' order by id desc limit 1`.execute(demo.t.handle.db)).rows[0]!;
    expect(audit.action).toBe('replace comparator group');
    expect(audit.actor).toBe(`admin-groups-${engine}@council.gov.uk`);
    expect(JSON.stringify(audit.before)).toContain('E09000003');

    // Removing it: a confirmation page, then the group is gone, audited; a second removal is a 404.
    const id = (await demo.t.app.comparators.groups())[0]!.id;
    const confirm = await demo.server.inject({ url: `/comparators/groups/${id}/remove`, headers: { cookie: admin.cookie } });
    expect(confirm.statusCode).toBe(200);
    expect(text(confirm.body)).toContain('Remove the group Nearest neighbours?');
    expect(text(confirm.body)).toContain('2 areas: Bexley (E09000004), Bromley (E09000006).');
    const remove = () =>
      demo.server.inject({ method: 'POST', url: `/comparators/groups/${id}/remove`, payload: `_csrf=${encodeURIComponent(admin.csrfToken)}`, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: admin.cookie } });
    const removed = await remove();
    expect(removed.statusCode).toBe(200);
    expect(text(removed.body)).toContain('Removed the group Nearest neighbours');
    expect(text(removed.body)).toContain('The council has no named groups yet.');
    expect(await demo.t.app.comparators.groups()).toEqual([]);
    expect(await groups()).toBe(before.areas);
    const last = (await sql<{ action: string; after: unknown }>`select action, after from audit_event where entity = 'comparator_group' order by id desc limit 1`.execute(demo.t.handle.db)).rows[0]!;
    expect(last.action).toBe('remove comparator group');
    expect((await remove()).statusCode).toBe(404);
    expect((await demo.server.inject({ url: '/comparators/groups/abc/remove', headers: { cookie: admin.cookie } })).statusCode).toBe(404);

    // The CLI's importGroup shares the checks: a missing name and the file's errors at once, located.
    const file = join(dir, 'cli-group.csv');
    await writeFile(file, 'Area Code\nE0900000X\n');
    const cli = await demo.t.app.comparators.importGroup(' ', file, 'test');
    expect(cli).toEqual({
      ok: false,
      errors: [
        { sheet: 'cli-group.csv', row: null, column: null, value: null, message: 'Enter a name for the comparator group' },
        { sheet: 'cli-group.csv', row: 2, column: 'Area Code', value: 'E0900000X', message: 'Not an ONS GSS code (a letter and eight digits, e.g. E09000003)' },
      ],
    });
    await writeFile(file, 'Area Code\nE09000004\n');
    expect(await demo.t.app.comparators.importGroup('CLI group', file, 'test')).toEqual({ ok: true, dryRun: false, name: 'CLI group', replaced: false, areas: 1, codes: ['E09000004'] });
  });
});
