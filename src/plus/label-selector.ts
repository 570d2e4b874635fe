import type { NodeSelectorRequirement } from '../k8s/core-v1.js';
import type { LabelSelector, LabelSelectorRequirement } from '../k8s/meta-v1.js';
import { KccError } from '../core/errors.js';

type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';

/**
 * One condition on a label, as `matchExpressions` write it: `LabelExpression.in('tier', ['web'])`,
 * `LabelExpression.exists('disktype')`. Gt and Lt exist only for node labels (node affinity).
 */
export class LabelExpression {
  /** The label equals this value (`In` with one value). */
  static is(key: string, value: string): LabelExpression {
    return new LabelExpression(key, 'In', [value]);
  }

  static in(key: string, values: string[]): LabelExpression {
    return new LabelExpression(key, 'In', values);
  }

  static notIn(key: string, values: string[]): LabelExpression {
    return new LabelExpression(key, 'NotIn', values);
  }

  static exists(key: string): LabelExpression {
    return new LabelExpression(key, 'Exists');
  }

  static doesNotExist(key: string): LabelExpression {
    return new LabelExpression(key, 'DoesNotExist');
  }

  /** Node labels only: the label, read as an integer, is greater than `value`. */
  static gt(key: string, value: number): LabelExpression {
    return new LabelExpression(key, 'Gt', [String(value)]);
  }

  /** Node labels only: the label, read as an integer, is less than `value`. */
  static lt(key: string, value: number): LabelExpression {
    return new LabelExpression(key, 'Lt', [String(value)]);
  }

  private constructor(
    readonly key: string,
    readonly operator: Operator,
    readonly values?: string[],
  ) {
    const needsValues = operator !== 'Exists' && operator !== 'DoesNotExist';
    if (needsValues && (!values || values.length === 0)) {
      throw new KccError(`LabelExpression ${operator} on "${key}" needs at least one value`, { hint: 'use exists() to match any value' });
    }
  }

  /** A `matchExpressions` entry of a node selector term (node affinity). */
  toNodeRequirement(): NodeSelectorRequirement {
    return { key: this.key, operator: this.operator, ...(this.values ? { values: [...this.values] } : {}) };
  }

  /** A `matchExpressions` entry of a label selector (pods, namespaces): no Gt/Lt. */
  toLabelRequirement(): LabelSelectorRequirement {
    if (this.operator === 'Gt' || this.operator === 'Lt') {
      throw new KccError(`${this.operator} on "${this.key}" is only valid for node labels, not in a pod or namespace selector`, {
        hint: 'use in(), notIn(), exists() or doesNotExist()',
      });
    }
    return { key: this.key, operator: this.operator, ...(this.values ? { values: [...this.values] } : {}) };
  }
}

/** A `LabelSelector` from labels and expressions; `{}` (select everything) when both are empty. */
export function toLabelSelector(labels: Record<string, string> | undefined, expressions: readonly LabelExpression[] = []): LabelSelector {
  const selector: LabelSelector = {};
  if (labels && Object.keys(labels).length) selector.matchLabels = { ...labels };
  if (expressions.length) selector.matchExpressions = expressions.map((e) => e.toLabelRequirement());
  return selector;
}

/**
 * Which pods: `Pods.labeled({ app: 'web' })`, `Pods.all()`, or a workload's own pods
 * (`deployment.pods`). Used by pod (anti-)affinity and NetworkPolicy peers.
 */
export class Pods {
  static labeled(labels: Record<string, string>, ...expressions: LabelExpression[]): Pods {
    return new Pods(labels, expressions);
  }

  static matching(...expressions: LabelExpression[]): Pods {
    return new Pods({}, expressions);
  }

  /** Every pod (an empty selector). */
  static all(): Pods {
    return new Pods({}, []);
  }

  private constructor(
    readonly labels: Readonly<Record<string, string>>,
    readonly expressions: readonly LabelExpression[],
  ) {}

  toSelector(): LabelSelector {
    return toLabelSelector(this.labels, this.expressions);
  }
}

/** The label every namespace carries with its own name (set by the API server). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Which namespaces: `Namespaces.labeled({ team: 'a' })`, `Namespaces.named('prod')`, `Namespaces.all()`. */
export class Namespaces {
  static labeled(labels: Record<string, string>, ...expressions: LabelExpression[]): Namespaces {
    return new Namespaces(labels, expressions);
  }

  /** Namespaces by name, through the `kubernetes.io/metadata.name` label. */
  static named(...names: string[]): Namespaces {
    return names.length === 1
      ? new Namespaces({ [NAMESPACE_NAME_LABEL]: names[0]! }, [])
      : new Namespaces({}, [LabelExpression.in(NAMESPACE_NAME_LABEL, names)]);
  }

  static all(): Namespaces {
    return new Namespaces({}, []);
  }

  private constructor(
    readonly labels: Readonly<Record<string, string>>,
    readonly expressions: readonly LabelExpression[],
  ) {}

  toSelector(): LabelSelector {
    return toLabelSelector(this.labels, this.expressions);
  }
}
