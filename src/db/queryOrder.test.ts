import { describe, expect, it } from 'vitest';
import { currentTicket, inArrivalOrder, TicketQueue } from './queryOrder.ts';

describe('work in arrival order', () => {
  it('serves the lowest ticket first, and one ticket’s waiters in the order they asked', () => {
    const queue = new TicketQueue<string>();
    for (const [ticket, value] of [[5, 'e1'], [2, 'b1'], [9, 'i1'], [2, 'b2'], [1, 'a1'], [5, 'e2'], [2, 'b3']] as const) queue.push(ticket, value);
    expect(queue.size).toBe(7);
    const out: string[] = [];
    for (let v = queue.shift(); v !== undefined; v = queue.shift()) out.push(v);
    expect(out).toEqual(['a1', 'b1', 'b2', 'b3', 'e1', 'e2', 'i1']);
    expect(queue.shift()).toBeUndefined();
  });

  it('gives work a ticket that everything within it carries, and later work a later one', async () => {
    const outside = currentTicket();
    const [first, second] = await Promise.all([
      inArrivalOrder(async () => {
        const mine = currentTicket();
        await new Promise((resolve) => setTimeout(resolve, 5));
        expect(currentTicket()).toBe(mine);
        return mine;
      }),
      inArrivalOrder(async () => currentTicket()),
    ]);
    expect(outside).toBeLessThan(first);
    expect(first).toBeLessThan(second);
    expect(currentTicket()).toBeGreaterThan(second);
  });
});
