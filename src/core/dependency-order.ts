/**
 * Orders nodes 0..count-1 so that every node comes after the nodes it depends on, choosing among
 * the ready nodes the one that `before` ranks first. Kahn's algorithm with a binary heap:
 * O((nodes + edges) log nodes), each node and edge visited once. (A depth-first search that
 * re-walks shared dependencies, as cdk8s does, is exponential on chains of charts.)
 *
 * `dependsOn[i]` lists the nodes that must come before i. Throws `DependencyCycle` naming the
 * nodes left over when there is a cycle.
 */
export function orderByDependencies(count: number, dependsOn: ReadonlyArray<readonly number[] | undefined>, before: (a: number, b: number) => boolean): number[] {
  const waitingOn = new Int32Array(count);
  const dependents: number[][] = Array.from({ length: count }, () => []);
  for (let node = 0; node < count; node++) {
    const deps = dependsOn[node];
    if (!deps) continue;
    const unique = new Set(deps);
    unique.delete(node);
    waitingOn[node] = unique.size;
    for (const dep of unique) dependents[dep]!.push(node);
  }
  const heap = new MinHeap(before);
  for (let node = 0; node < count; node++) if (waitingOn[node] === 0) heap.push(node);
  const order: number[] = [];
  while (heap.size > 0) {
    const node = heap.pop();
    order.push(node);
    for (const next of dependents[node]!) if (--waitingOn[next]! === 0) heap.push(next);
  }
  if (order.length !== count) {
    const placed = new Set(order);
    throw new DependencyCycle(Array.from({ length: count }, (_, i) => i).filter((i) => !placed.has(i)));
  }
  return order;
}

export class DependencyCycle extends Error {
  constructor(readonly nodes: number[]) {
    super('dependency cycle');
  }
}

class MinHeap {
  private readonly items: number[] = [];
  constructor(private readonly before: (a: number, b: number) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  push(item: number): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): number {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let best = i;
        if (left < items.length && this.before(items[left]!, items[best]!)) best = left;
        if (right < items.length && this.before(items[right]!, items[best]!)) best = right;
        if (best === i) break;
        [items[i], items[best]] = [items[best]!, items[i]!];
        i = best;
      }
    }
    return top;
  }
}
