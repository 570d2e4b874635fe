import type { Probe as ProbeSpec } from '../k8s/core-v1.js';

/** A length of time for probe and rollout settings: `Duration.seconds(10)`, `Duration.minutes(1)`. */
export class Duration {
  static seconds(amount: number): Duration {
    return new Duration(amount);
  }

  static minutes(amount: number): Duration {
    return new Duration(amount * 60);
  }

  private constructor(private readonly totalSeconds: number) {}

  toSeconds(): number {
    return this.totalSeconds;
  }
}

export interface ProbeOptions {
  /** @default Kubernetes' default, 0 s */
  readonly initialDelay?: Duration;
  /** @default Kubernetes' default, 10 s */
  readonly period?: Duration;
  /** @default Kubernetes' default, 1 s */
  readonly timeout?: Duration;
  /** @default Kubernetes' default, 3 */
  readonly failureThreshold?: number;
  /** @default Kubernetes' default, 1 */
  readonly successThreshold?: number;
}

/**
 * A liveness, readiness or startup check: `Probe.httpGet('/healthz', 8080)`,
 * `Probe.tcpSocket(3306)`, `Probe.exec(['cat', '/tmp/healthy'])`, `Probe.grpc(9090)`.
 */
export class Probe {
  static httpGet(path: string, port: number | string, options: ProbeOptions & { scheme?: 'HTTP' | 'HTTPS' } = {}): Probe {
    return new Probe({ httpGet: { path, port, ...(options.scheme ? { scheme: options.scheme } : {}) } }, options);
  }

  static tcpSocket(port: number | string, options: ProbeOptions = {}): Probe {
    return new Probe({ tcpSocket: { port } }, options);
  }

  static exec(command: string[], options: ProbeOptions = {}): Probe {
    return new Probe({ exec: { command } }, options);
  }

  static grpc(port: number, options: ProbeOptions & { service?: string } = {}): Probe {
    return new Probe({ grpc: { port, ...(options.service ? { service: options.service } : {}) } }, options);
  }

  private constructor(
    private readonly handler: ProbeSpec,
    private readonly options: ProbeOptions,
  ) {}

  toSpec(): ProbeSpec {
    const o = this.options;
    return {
      ...this.handler,
      ...(o.initialDelay ? { initialDelaySeconds: o.initialDelay.toSeconds() } : {}),
      ...(o.period ? { periodSeconds: o.period.toSeconds() } : {}),
      ...(o.timeout ? { timeoutSeconds: o.timeout.toSeconds() } : {}),
      ...(o.failureThreshold !== undefined ? { failureThreshold: o.failureThreshold } : {}),
      ...(o.successThreshold !== undefined ? { successThreshold: o.successThreshold } : {}),
    };
  }
}
