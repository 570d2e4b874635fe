import type { Affinity, NodeSelectorTerm, PodAffinityTerm, PodSpec, Toleration as TolerationSpec, WeightedPodAffinityTerm } from '../k8s/core-v1.js';
import { KccError } from '../core/errors.js';
import { captureCreationSite } from '../core/creation-site.js';
import type { LabelExpression, Namespaces, Pods } from './label-selector.js';

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

/**
 * Permission to run on nodes with a taint: `Toleration.equal('key1', 'value1', 'NoSchedule')`,
 * `Toleration.exists('node.kubernetes.io/unreachable', 'NoExecute', 6000)`, `Toleration.any()`.
 */
export class Toleration {
  /** Tolerates the taint `key=value:effect` (every effect when none is given). */
  static equal(key: string, value: string, effect?: TaintEffect, tolerationSeconds?: number): Toleration {
    return new Toleration({ key, operator: 'Equal', value, ...effectFields(effect, tolerationSeconds) });
  }

  /** Tolerates any taint with this key (every effect when none is given). */
  static exists(key: string, effect?: TaintEffect, tolerationSeconds?: number): Toleration {
    return new Toleration({ key, operator: 'Exists', ...effectFields(effect, tolerationSeconds) });
  }

  /** Tolerates every taint (what node agents in a DaemonSet often need). */
  static any(): Toleration {
    return new Toleration({ operator: 'Exists' });
  }

  private constructor(readonly spec: TolerationSpec) {}
}

function effectFields(effect: TaintEffect | undefined, tolerationSeconds: number | undefined): Partial<TolerationSpec> {
  if (tolerationSeconds !== undefined && effect !== 'NoExecute') {
    throw new KccError('tolerationSeconds applies only to the NoExecute effect', { location: captureCreationSite()?.location });
  }
  return { ...(effect ? { effect } : {}), ...(tolerationSeconds !== undefined ? { tolerationSeconds } : {}) };
}

/** The node label that makes pods "near" each other in pod (anti-)affinity. */
export class Topology {
  static readonly HOSTNAME = new Topology('kubernetes.io/hostname');
  static readonly ZONE = new Topology('topology.kubernetes.io/zone');
  static readonly REGION = new Topology('topology.kubernetes.io/region');
  static custom(key: string): Topology {
    return new Topology(key);
  }

  private constructor(readonly key: string) {}
}

export interface PodAffinityOptions {
  /** @default Topology.HOSTNAME (the same node) */
  readonly topology?: Topology;
  /** A preference of this weight (1-100) instead of a requirement. @default required */
  readonly weight?: number;
  /** Where the other pods run. @default the pod's own namespace */
  readonly namespaces?: Namespaces;
}

/** Anything that names a PriorityClass: a kcc-plus PriorityClass or a name. */
export interface PriorityClassRef {
  readonly name: string;
}

export interface SchedulingProps {
  /** Runs only on nodes with all these labels (`nodeSelector`). @default any node */
  readonly nodeSelector?: Record<string, string>;
  /** Bypasses the scheduler: the pod goes straight to this node. @default scheduled */
  readonly nodeName?: string;
  /** @default the default scheduler */
  readonly schedulerName?: string;
  /** @default the cluster's global default priority */
  readonly priorityClass?: PriorityClassRef | string;
  readonly tolerations?: Toleration[];
}

/**
 * Where a workload's pods may run. Node affinity follows the docs: the expressions of one
 * `requireNodes()` call must all hold (one term, AND); separate calls are alternatives (terms, OR).
 *
 * ```ts
 * web.scheduling.requireNodes(LabelExpression.in('zone', ['a', 'b']), LabelExpression.doesNotExist('gpu'));
 * web.scheduling.preferNodes(10, LabelExpression.exists('ssd'));
 * web.scheduling.separate(web.pods, { topology: Topology.HOSTNAME });
 * web.scheduling.tolerate(Toleration.equal('dedicated', 'web', 'NoSchedule'));
 * ```
 */
export class Scheduling {
  private readonly nodeSelectorLabels: Record<string, string> = {};
  private readonly requiredTerms: NodeSelectorTerm[] = [];
  private readonly preferredTerms: { weight: number; preference: NodeSelectorTerm }[] = [];
  private readonly affinity = { required: [] as PodAffinityTerm[], preferred: [] as WeightedPodAffinityTerm[] };
  private readonly antiAffinity = { required: [] as PodAffinityTerm[], preferred: [] as WeightedPodAffinityTerm[] };
  private readonly tolerations: TolerationSpec[] = [];
  private nodeName?: string;
  private schedulerName?: string;
  private priorityClassName?: string;

  constructor(props: SchedulingProps = {}) {
    if (props.nodeSelector) this.selectNodes(props.nodeSelector);
    if (props.nodeName) this.assign(props.nodeName);
    if (props.schedulerName) this.useScheduler(props.schedulerName);
    if (props.priorityClass) this.prioritize(props.priorityClass);
    if (props.tolerations) this.tolerate(...props.tolerations);
  }

  /** `nodeSelector`: only nodes carrying all these labels. */
  selectNodes(labels: Record<string, string>): this {
    Object.assign(this.nodeSelectorLabels, labels);
    return this;
  }

  /** A required node affinity term: all expressions must hold; each call adds an alternative. */
  requireNodes(...expressions: LabelExpression[]): this {
    this.requiredTerms.push(nodeTerm(expressions));
    return this;
  }

  /** A preferred node affinity term of `weight` (1-100). */
  preferNodes(weight: number, ...expressions: LabelExpression[]): this {
    this.preferredTerms.push({ weight: checkWeight(weight), preference: nodeTerm(expressions) });
    return this;
  }

  /** Pod affinity: run near (same topology domain as) these pods. */
  colocate(pods: Pods, options: PodAffinityOptions = {}): this {
    addPodTerm(this.affinity, pods, options);
    return this;
  }

  /** Pod anti-affinity: run away from these pods (e.g. one replica per node). */
  separate(pods: Pods, options: PodAffinityOptions = {}): this {
    addPodTerm(this.antiAffinity, pods, options);
    return this;
  }

  tolerate(...tolerations: Toleration[]): this {
    this.tolerations.push(...tolerations.map((t) => ({ ...t.spec })));
    return this;
  }

  /** `nodeName`: manual scheduling to one node. */
  assign(nodeName: string): this {
    this.nodeName = nodeName;
    return this;
  }

  useScheduler(schedulerName: string): this {
    this.schedulerName = schedulerName;
    return this;
  }

  prioritize(priorityClass: PriorityClassRef | string): this {
    this.priorityClassName = typeof priorityClass === 'string' ? priorityClass : priorityClass.name;
    return this;
  }

  /** The pod spec fields this contributes. */
  toPodSpecFields(): Partial<PodSpec> {
    const affinity: Affinity = {};
    if (this.requiredTerms.length || this.preferredTerms.length) {
      affinity.nodeAffinity = {
        ...(this.requiredTerms.length
          ? { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: structuredClone(this.requiredTerms) } }
          : {}),
        ...(this.preferredTerms.length ? { preferredDuringSchedulingIgnoredDuringExecution: structuredClone(this.preferredTerms) } : {}),
      };
    }
    const podAffinity = podAffinityFields(this.affinity);
    if (podAffinity) affinity.podAffinity = podAffinity;
    const podAntiAffinity = podAffinityFields(this.antiAffinity);
    if (podAntiAffinity) affinity.podAntiAffinity = podAntiAffinity;
    return {
      ...(Object.keys(this.nodeSelectorLabels).length ? { nodeSelector: { ...this.nodeSelectorLabels } } : {}),
      ...(Object.keys(affinity).length ? { affinity } : {}),
      ...(this.tolerations.length ? { tolerations: structuredClone(this.tolerations) } : {}),
      ...(this.nodeName ? { nodeName: this.nodeName } : {}),
      ...(this.schedulerName ? { schedulerName: this.schedulerName } : {}),
      ...(this.priorityClassName ? { priorityClassName: this.priorityClassName } : {}),
    };
  }
}

function nodeTerm(expressions: LabelExpression[]): NodeSelectorTerm {
  if (expressions.length === 0) {
    throw new KccError('a node affinity term needs at least one expression', {
      location: captureCreationSite()?.location,
      hint: 'e.g. LabelExpression.in("disktype", ["ssd"])',
    });
  }
  return { matchExpressions: expressions.map((e) => e.toNodeRequirement()) };
}

function checkWeight(weight: number): number {
  if (!Number.isInteger(weight) || weight < 1 || weight > 100) {
    throw new KccError(`scheduling weight ${weight} is not an integer from 1 to 100`, { location: captureCreationSite()?.location });
  }
  return weight;
}

function addPodTerm(into: { required: PodAffinityTerm[]; preferred: WeightedPodAffinityTerm[] }, pods: Pods, options: PodAffinityOptions): void {
  const term: PodAffinityTerm = {
    labelSelector: pods.toSelector(),
    topologyKey: (options.topology ?? Topology.HOSTNAME).key,
    ...(options.namespaces ? { namespaceSelector: options.namespaces.toSelector() } : {}),
  };
  if (options.weight === undefined) into.required.push(term);
  else into.preferred.push({ weight: checkWeight(options.weight), podAffinityTerm: term });
}

function podAffinityFields(terms: { required: PodAffinityTerm[]; preferred: WeightedPodAffinityTerm[] }) {
  if (!terms.required.length && !terms.preferred.length) return undefined;
  return {
    ...(terms.required.length ? { requiredDuringSchedulingIgnoredDuringExecution: structuredClone(terms.required) } : {}),
    ...(terms.preferred.length ? { preferredDuringSchedulingIgnoredDuringExecution: structuredClone(terms.preferred) } : {}),
  };
}
