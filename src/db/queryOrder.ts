/**
 * Database work in the order it was begun (issue 9, deliver 5). The embedded database has one
 * connection, and a page takes it once per statement — a dozen times or more. Taken first come, first
 * served, the statements of N pages in progress interleave: each page's next statement waits behind one
 * of every other page, so every page takes about N times its own time, and a burst of 200 requests
 * finishes all together — after autocannon's 10 s, on a busy machine, so all 200 time out and their work
 * is lost. Served instead by the age of the work they belong to, the oldest page's statements go first,
 * pages finish in the order they came, and a page waits only for the pages that came before it.
 *
 * `inArrivalOrder(work)` gives `work` (a request's handling: src/web/server.ts, through the app) a ticket;
 * every statement made within it, however deep, carries it (AsyncLocalStorage). A statement made outside
 * any such work (start-up, a command, a test) gets a ticket of its own when it asks, so it is served after
 * everything begun before it and before everything begun after.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const tickets = new AsyncLocalStorage<number>();
let last = 0;

/** Runs `work` with a new ticket: its statements are served before those of work begun after it. */
export function inArrivalOrder<T>(work: () => T): T {
  return tickets.run(++last, work);
}

/** The ticket of the work this statement belongs to, or a new one. */
export function currentTicket(): number {
  return tickets.getStore() ?? ++last;
}

/** Waiters served lowest ticket first; equal tickets (statements of one piece of work) in the order they asked. */
export class TicketQueue<T> {
  readonly #heap: { ticket: number; seq: number; value: T }[] = [];
  #seq = 0;

  get size(): number {
    return this.#heap.length;
  }

  push(ticket: number, value: T): void {
    const heap = this.#heap;
    heap.push({ ticket, seq: ++this.#seq, value });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  shift(): T | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const end = heap.pop();
    if (top === undefined || end === undefined) return undefined;
    if (heap.length) {
      heap[0] = end;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top.value;
  }
}

const before = (a: { ticket: number; seq: number }, b: { ticket: number; seq: number }) => a.ticket < b.ticket || (a.ticket === b.ticket && a.seq < b.seq);
