/** Committee-business errors in tests: the fields a refused change names. */
import { CommitteeBusinessError } from '../../src/services/committeeBusinessService.ts';

/** The errors by field the work is refused with; fails when it is not refused with a CommitteeBusinessError. */
export async function errorsOf(work: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await work;
  } catch (error) {
    if (error instanceof CommitteeBusinessError) return error.errors;
    throw error;
  }
  throw new Error('expected a CommitteeBusinessError');
}
