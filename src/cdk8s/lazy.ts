/** Produces a value when the app is synthesized. */
export interface IAnyProducer {
  produce(): any;
}

/**
 * A value computed at synth, not when the object is created (cdk8s-plus fills containers,
 * volumes and selectors this way, after every `add...` call has happened).
 */
export class Lazy {
  static any(producer: IAnyProducer): any {
    return new Lazy(producer);
  }

  private constructor(private readonly producer: IAnyProducer) {}

  produce(): any {
    return this.producer.produce();
  }
}
