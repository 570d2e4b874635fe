import type { IConstruct, Node } from 'constructs';
import { KccError } from '../core/errors.js';

/**
 * The dependencies between the constructs below a node (`node.addDependency`), as cdk8s's
 * DependencyGraph: constructs without dependents hang off a root vertex; `topology()` lists
 * dependencies before their dependents, otherwise tree order. Dependencies on constructs outside
 * the node are left out. Each vertex is visited once (cdk8s's walk is not memoised).
 */
export class DependencyGraph {
  private readonly fosterParent = new DependencyVertex();

  constructor(node: Node) {
    const vertices = new Map<IConstruct, DependencyVertex>();
    const all = node.findAll();
    for (const construct of all) vertices.set(construct, new DependencyVertex(construct));
    for (const source of all) {
      for (const target of source.node.dependencies) {
        const to = vertices.get(target);
        if (to) vertices.get(source)!.addChild(to);
      }
    }
    for (const vertex of vertices.values()) if (vertex.inbound.length === 0) this.fosterParent.addChild(vertex);
    // A cycle has no vertex without dependents: walk from each vertex, so it is reported, not lost.
    const done = new Set<DependencyVertex>();
    for (const vertex of vertices.values()) vertex.walk(done, [], () => undefined);
  }

  get root(): DependencyVertex {
    return this.fosterParent;
  }

  topology(): IConstruct[] {
    return this.fosterParent.topology();
  }
}

/** One construct in a DependencyGraph; its outbound vertices are what it depends on. */
export class DependencyVertex {
  private readonly children = new Set<DependencyVertex>();
  private readonly parents = new Set<DependencyVertex>();

  constructor(private readonly construct: IConstruct | undefined = undefined) {}

  get value(): IConstruct | undefined {
    return this.construct;
  }

  get outbound(): DependencyVertex[] {
    return [...this.children];
  }

  get inbound(): DependencyVertex[] {
    return [...this.parents];
  }

  /** This vertex and everything it depends on, dependencies first. */
  topology(): IConstruct[] {
    const order: DependencyVertex[] = [];
    this.walk(new Set(), [], (vertex) => order.push(vertex));
    return order.filter((v) => v.value).map((v) => v.value!);
  }

  /** Depth first, dependencies before the vertex; each vertex once; a cycle is an error. @internal */
  walk(done: Set<DependencyVertex>, onPath: DependencyVertex[], visit: (vertex: DependencyVertex) => void): void {
    if (done.has(this)) return;
    if (onPath.includes(this)) {
      const cycle = [...onPath.slice(onPath.indexOf(this)), this].filter((v) => v.value).map((v) => v.value!.node.path);
      throw new KccError(`Dependency cycle detected: ${cycle.join(' => ')}`);
    }
    onPath.push(this);
    for (const child of this.children) child.walk(done, onPath, visit);
    onPath.pop();
    done.add(this);
    visit(this);
  }

  addChild(dependency: DependencyVertex): void {
    this.children.add(dependency);
    dependency.parents.add(this);
  }
}
