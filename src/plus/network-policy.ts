import { Construct } from 'constructs';
import type { ApiObjectMetadataProps } from '../core/api-object.js';
import { captureCreationSite } from '../core/creation-site.js';
import { KccError } from '../core/errors.js';
import { NetworkPolicy as NetworkPolicyObject, type NetworkPolicyPeer, type NetworkPolicyPort } from '../k8s/networking-v1.js';
import { Pods, type Namespaces } from './label-selector.js';
import { atSynth } from './lazy.js';

/** Anything whose pods a policy can select or name as a peer: a kcc-plus workload or `Pods`. */
export interface PodSource {
  readonly pods: Pods;
}

function podsOf(source: Pods | PodSource): Pods {
  return source instanceof Pods ? source : source.pods;
}

/**
 * Who may talk to (or be talked to by) the selected pods. The docs' AND vs OR:
 * - `Peer.podsIn(pods, namespaces)` is ONE peer with podSelector and namespaceSelector: those pods
 *   *in* those namespaces (AND);
 * - `allowFrom([Peer.pods(a), Peer.namespaces(b)])` is TWO peers: pods `a` in the policy's
 *   namespace, OR any pod in namespaces `b`.
 */
export class Peer {
  /** Pods in the policy's own namespace. */
  static pods(pods: Pods | PodSource): Peer {
    return new Peer({ podSelector: podsOf(pods).toSelector() });
  }

  /** Every pod in these namespaces. */
  static namespaces(namespaces: Namespaces): Peer {
    return new Peer({ namespaceSelector: namespaces.toSelector() });
  }

  /** These pods, only in these namespaces (one peer with both selectors: AND). */
  static podsIn(pods: Pods | PodSource, namespaces: Namespaces): Peer {
    return new Peer({ podSelector: podsOf(pods).toSelector(), namespaceSelector: namespaces.toSelector() });
  }

  /** Addresses in a CIDR range, minus `except` ranges (for traffic from outside the cluster). */
  static ipBlock(cidr: string, except: string[] = []): Peer {
    if (!/^[0-9a-fA-F:.]+\/\d{1,3}$/.test(cidr)) {
      throw new KccError(`"${cidr}" is not a CIDR`, { location: captureCreationSite()?.location, hint: 'e.g. 172.17.0.0/16' });
    }
    return new Peer({ ipBlock: { cidr, ...(except.length ? { except: [...except] } : {}) } });
  }

  private constructor(readonly spec: NetworkPolicyPeer) {}
}

/** A port a rule allows: `NetworkPort.tcp(80)`, `NetworkPort.udp(53)`, `NetworkPort.tcpRange(32000, 32768)`, `NetworkPort.named('http')`. */
export class NetworkPort {
  static tcp(port: number): NetworkPort {
    return new NetworkPort({ protocol: 'TCP', port });
  }

  static udp(port: number): NetworkPort {
    return new NetworkPort({ protocol: 'UDP', port });
  }

  static tcpRange(from: number, to: number): NetworkPort {
    if (to < from) throw new KccError(`port range ${from}-${to} ends before it starts`, { location: captureCreationSite()?.location });
    return new NetworkPort({ protocol: 'TCP', port: from, endPort: to });
  }

  /** A container port by name. @default protocol TCP */
  static named(name: string, protocol: 'TCP' | 'UDP' | 'SCTP' = 'TCP'): NetworkPort {
    return new NetworkPort({ protocol, port: name });
  }

  private constructor(readonly spec: NetworkPolicyPort) {}
}

export type PolicyType = 'Ingress' | 'Egress';

export interface NetworkPolicyProps {
  readonly metadata?: ApiObjectMetadataProps;
  /** The pods the policy applies to. @default every pod in the namespace */
  readonly selector?: Pods | PodSource;
  /**
   * Which directions the policy isolates. A direction listed with no rule denies all of it.
   * @default Ingress, plus Egress once an egress rule is added (Kubernetes' own rule)
   */
  readonly policyTypes?: PolicyType[];
}

interface Rule {
  peers: NetworkPolicyPeer[];
  ports: NetworkPolicyPort[];
}

/**
 * A NetworkPolicy built rule by rule:
 *
 * ```ts
 * const policy = new NetworkPolicy(chart, 'db', { selector: db });
 * policy.allowFrom(Peer.podsIn(Pods.labeled({ role: 'api' }), Namespaces.named('prod')), NetworkPort.tcp(5432));
 * ```
 *
 * Each `allowFrom`/`allowTo` call is one rule; the peers given together are alternatives (OR).
 */
export class NetworkPolicy extends Construct {
  /** Denies all ingress to the selected pods (default: every pod in the namespace). */
  static denyAllIngress(scope: Construct, id: string, props: Omit<NetworkPolicyProps, 'policyTypes'> = {}): NetworkPolicy {
    return new NetworkPolicy(scope, id, { ...props, policyTypes: ['Ingress'] });
  }

  /** Denies all egress from the selected pods; add `allowTo(..., NetworkPort.udp(53))` for DNS. */
  static denyAllEgress(scope: Construct, id: string, props: Omit<NetworkPolicyProps, 'policyTypes'> = {}): NetworkPolicy {
    return new NetworkPolicy(scope, id, { ...props, policyTypes: ['Egress'] });
  }

  /** Denies both directions. */
  static denyAll(scope: Construct, id: string, props: Omit<NetworkPolicyProps, 'policyTypes'> = {}): NetworkPolicy {
    return new NetworkPolicy(scope, id, { ...props, policyTypes: ['Ingress', 'Egress'] });
  }

  /** Allows all ingress to the selected pods (overrides a default deny). */
  static allowAllIngress(scope: Construct, id: string, props: Omit<NetworkPolicyProps, 'policyTypes'> = {}): NetworkPolicy {
    return new NetworkPolicy(scope, id, { ...props, policyTypes: ['Ingress'] }).allowFromAnywhere();
  }

  readonly apiObject: NetworkPolicyObject;
  private readonly ingress: Rule[] = [];
  private readonly egress: Rule[] = [];

  constructor(scope: Construct, id: string, props: NetworkPolicyProps = {}) {
    super(scope, id);
    const selector = props.selector ? podsOf(props.selector) : Pods.all();
    this.apiObject = new NetworkPolicyObject(this, 'Resource', {
      metadata: props.metadata,
      spec: atSynth(() => ({
        podSelector: selector.toSelector(),
        policyTypes: props.policyTypes ? [...props.policyTypes] : ['Ingress', ...(this.egress.length ? ['Egress' as const] : [])],
        ...(this.ingress.length ? { ingress: this.ingress.map((r) => ruleSpec(r, 'from')) } : {}),
        ...(this.egress.length ? { egress: this.egress.map((r) => ruleSpec(r, 'to')) } : {}),
      })),
    });
    this.node.defaultChild = this.apiObject;
  }

  get name(): string {
    return this.apiObject.name;
  }

  /** One ingress rule: traffic from any of `peers` (OR), on any of `ports` (every port when none). */
  allowFrom(peers: Peer | Peer[], ...ports: NetworkPort[]): this {
    this.ingress.push(rule(peers, ports));
    return this;
  }

  /** One egress rule: traffic to any of `peers` (OR), on any of `ports`. */
  allowTo(peers: Peer | Peer[], ...ports: NetworkPort[]): this {
    this.egress.push(rule(peers, ports));
    return this;
  }

  /** An ingress rule with no `from`: any source, on these ports (every port when none). */
  allowFromAnywhere(...ports: NetworkPort[]): this {
    this.ingress.push({ peers: [], ports: ports.map((p) => ({ ...p.spec })) });
    return this;
  }

  /** An egress rule with no `to`: any destination, on these ports. */
  allowToAnywhere(...ports: NetworkPort[]): this {
    this.egress.push({ peers: [], ports: ports.map((p) => ({ ...p.spec })) });
    return this;
  }
}

function rule(peers: Peer | Peer[], ports: NetworkPort[]): Rule {
  const list = Array.isArray(peers) ? peers : [peers];
  if (list.length === 0) {
    throw new KccError('a rule with no peers would allow everyone', {
      location: captureCreationSite()?.location,
      hint: 'use allowFromAnywhere()/allowToAnywhere() if that is meant',
    });
  }
  return { peers: list.map((p) => structuredClone(p.spec)), ports: ports.map((p) => ({ ...p.spec })) };
}

function ruleSpec(r: Rule, direction: 'from' | 'to') {
  return { ...(r.peers.length ? { [direction]: r.peers } : {}), ...(r.ports.length ? { ports: r.ports } : {}) };
}
