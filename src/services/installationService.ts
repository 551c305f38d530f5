/**
 * The councils one installation hosts (ADR 0030). Each council's data lives in a schema of its own, read
 * and written only by that council's repositories and services; this service keeps the list of councils
 * and the host names each council's site answers on, and says which council a request is for.
 *
 * The council first installed ("main") lives in the installation's own schema, so an installation of one
 * council is what it always was. A host no council names is the main council's — unless the main council
 * names host names of its own, when such a host is nobody's (the site answers "not found").
 */
import type { CouncilSiteRecord, InstallationRepository } from '../repositories/installationRepository.ts';
import type { AuditEntry } from '../repositories/auditRepository.ts';

export type CouncilSite = CouncilSiteRecord;

/** The slug of the council that lives in the installation's own schema. */
export const MAIN_COUNCIL = 'main';

const SLUG = /^[a-z][a-z0-9-]{0,39}$/;
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** How long a list of councils read from the database is trusted when a host is not in it. */
const RELOAD_AFTER_MS = 5_000;

export interface CouncilSiteInput {
  slug: string;
  name: string;
  hostnames: readonly string[];
}

export type SiteOutcome = { ok: true; council: CouncilSite } | { ok: false; errors: { field: string; message: string }[] };

export interface InstallationDeps {
  repo: InstallationRepository;
  /** The schema a new council's tables go in (the composition root makes it, creates and migrates it). */
  schemaFor(slug: string): string;
  /** Creates and migrates a council's schema (before the council is listed). */
  prepareSchema(schema: string): Promise<void>;
  /** Records an event in that council's own audit log. */
  audit(council: CouncilSite, entries: AuditEntry[]): Promise<void>;
}

export class InstallationService {
  #councils: Promise<CouncilSite[]> | null = null;
  #loadedAt = 0;

  constructor(private readonly deps: InstallationDeps) {}

  /** Every council, the main one first. */
  async councils(): Promise<CouncilSite[]> {
    return this.#load(false);
  }

  async council(slug: string): Promise<CouncilSite | null> {
    return (await this.#load(false)).find((c) => c.slug === slug) ?? (await this.#load(true)).find((c) => c.slug === slug) ?? null;
  }

  /**
   * The council whose site a request's host name is (case and any port and trailing dot ignored); null when
   * none. A host not in the list read earlier makes the list be read again (at most every few seconds), so
   * a council added by another process is found.
   */
  async councilForHost(host: string): Promise<CouncilSite | null> {
    const name = normaliseHost(host);
    const found = siteFor(await this.#load(false), name);
    if (found.named || Date.now() - this.#loadedAt < RELOAD_AFTER_MS) return found.council;
    return siteFor(await this.#load(true), name).council;
  }

  /** Adds a council: its schema made and migrated first, then listed with its host names; every error at once. */
  async add(input: CouncilSiteInput, actor: string): Promise<SiteOutcome> {
    const councils = await this.#load(true);
    const errors = validate(input, councils, null);
    if (councils.some((c) => c.slug === input.slug)) errors.unshift({ field: 'slug', message: `There is already a council "${input.slug}"` });
    if (errors.length) return { ok: false, errors };
    const council: CouncilSite = { slug: input.slug, name: input.name.trim(), schema: this.deps.schemaFor(input.slug), hostnames: hostsOf(input) };
    await this.deps.prepareSchema(council.schema!);
    await this.deps.repo.save(council, 'add');
    this.#councils = null;
    await this.deps.audit(council, [{ actor, action: 'create', entity: 'council_site', entityKey: council.slug, before: null, after: { name: council.name, hostnames: council.hostnames }, reason: 'Council added to the installation' }]);
    return { ok: true, council };
  }

  /** Changes a council's name and the host names its site answers on (replacing them); every error at once. */
  async update(input: CouncilSiteInput, actor: string): Promise<SiteOutcome> {
    const councils = await this.#load(true);
    const before = councils.find((c) => c.slug === input.slug);
    if (!before) return { ok: false, errors: [{ field: 'slug', message: `There is no council "${input.slug}"` }] };
    const errors = validate(input, councils, input.slug);
    if (errors.length) return { ok: false, errors };
    const council: CouncilSite = { ...before, name: input.name.trim(), hostnames: hostsOf(input) };
    await this.deps.repo.save(council, 'update');
    this.#councils = null;
    await this.deps.audit(council, [
      { actor, action: 'update', entity: 'council_site', entityKey: council.slug, before: { name: before.name, hostnames: before.hostnames }, after: { name: council.name, hostnames: council.hostnames }, reason: 'Council site changed' },
    ]);
    return { ok: true, council };
  }

  #load(fresh: boolean): Promise<CouncilSite[]> {
    if (fresh || !this.#councils) {
      const loading = this.deps.repo.councils();
      this.#councils = loading;
      this.#loadedAt = Date.now();
      loading.catch(() => {
        if (this.#councils === loading) this.#councils = null;
      });
    }
    return this.#councils;
  }
}

/** A Host header's name: lower case, without port or trailing dot. */
export function normaliseHost(host: string): string {
  const bare = host.trim().toLowerCase();
  const name = bare.startsWith('[') ? bare.slice(0, bare.indexOf(']') + 1) : bare.replace(/:\d*$/, '');
  return name.replace(/\.$/, '');
}

/** The council of a host name, and whether a council names it (rather than the main council taking it by default). */
export function siteFor(councils: readonly CouncilSite[], host: string): { council: CouncilSite | null; named: boolean } {
  const named = councils.find((c) => c.hostnames.includes(host));
  if (named) return { council: named, named: true };
  const main = councils.find((c) => c.slug === MAIN_COUNCIL) ?? null;
  return { council: main && main.hostnames.length === 0 ? main : null, named: false };
}

function hostsOf(input: CouncilSiteInput): string[] {
  return [...new Set(input.hostnames.map(normaliseHost))].sort();
}

function validate(input: CouncilSiteInput, councils: readonly CouncilSite[], self: string | null): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  if (!SLUG.test(input.slug)) errors.push({ field: 'slug', message: 'A council’s short name must be 1 to 40 lower-case letters, digits or hyphens, starting with a letter' });
  const name = input.name.trim();
  if (!name || name.length > 200) errors.push({ field: 'name', message: 'Enter the council’s name (up to 200 characters)' });
  for (const host of hostsOf(input)) {
    if (!HOSTNAME.test(host)) errors.push({ field: 'host', message: `"${host}" is not a host name (e.g. performance.barnet.gov.uk)` });
    const holder = councils.find((c) => c.slug !== self && c.hostnames.includes(host));
    if (holder) errors.push({ field: 'host', message: `"${host}" is already the site of ${holder.name} (${holder.slug})` });
  }
  return errors;
}
