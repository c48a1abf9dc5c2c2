/** A binary min-heap of (due time, name): the scheduler's next target in O(log n). */
export class DueQueue {
  private heap: { due: number; name: string }[] = [];

  get size(): number {
    return this.heap.length;
  }

  peek(): { due: number; name: string } | undefined {
    return this.heap[0];
  }

  push(due: number, name: string): void {
    const h = this.heap;
    h.push({ due, name });
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const [a, b] = [h[i], h[parent]];
      if (!a || !b || b.due <= a.due) break;
      [h[i], h[parent]] = [b, a];
      i = parent;
    }
  }

  pop(): { due: number; name: string } | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (!top || !last || h.length === 0) return top;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if ((h[l]?.due ?? Infinity) < (h[m]?.due ?? Infinity)) m = l;
      if ((h[r]?.due ?? Infinity) < (h[m]?.due ?? Infinity)) m = r;
      if (m === i) break;
      const [a, b] = [h[i], h[m]];
      if (!a || !b) break;
      [h[i], h[m]] = [b, a];
      i = m;
    }
    return top;
  }
}
