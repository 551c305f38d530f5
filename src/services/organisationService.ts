/**
 * The organisation both businesses share: the council, its committees (with their names over time and
 * terms of reference) and plan years. Performance reporting and committee business read committees
 * from here; people and memberships join them with committee business.
 */
import type { CommitteeRecord, OrganisationRepository } from '../repositories/organisationRepository.ts';

export type { CommitteeRecord };

export class OrganisationService {
  constructor(private readonly repo: OrganisationRepository) {}

  /** Whether any indicator is stored (an empty database gets the demo council on first start). */
  hasFramework(): Promise<boolean> {
    return this.repo.hasIndicators();
  }

  councilName(): Promise<string | null> {
    return this.repo.councilName();
  }

  committees(): Promise<CommitteeRecord[]> {
    return this.repo.listCommittees();
  }

  /** The committee of a URL slug, or null. One query. */
  committeeBySlug(slug: string): Promise<CommitteeRecord | null> {
    return this.repo.committeeBySlug(slug);
  }

  /** The committee with this id, or null. One query. */
  committeeById(id: number): Promise<CommitteeRecord | null> {
    return this.repo.committeeById(id);
  }

  /** A committee by any name it has had (case-insensitive) or its slug, or null. One query. */
  findCommittee(name: string): Promise<CommitteeRecord | null> {
    return this.repo.findCommittee(name);
  }

  /** Plan years with a rating method, oldest first. */
  planYears(): Promise<number[]> {
    return this.repo.planYears();
  }
}
