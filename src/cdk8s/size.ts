import { KccError } from '../core/errors.js';

/** What a conversion does with a fraction. */
export enum SizeRoundingBehavior {
  /** Fail. */
  FAIL = 0,
  /** Round down. */
  FLOOR = 1,
  /** Keep the fraction. */
  NONE = 2,
}

export interface SizeConversionOptions {
  /** @default SizeRoundingBehavior.FAIL */
  readonly rounding?: SizeRoundingBehavior;
}

class StorageUnit {
  static readonly Kibibytes = new StorageUnit('kibibytes', 1, 'Ki');
  static readonly Mebibytes = new StorageUnit('mebibytes', 1024, 'Mi');
  static readonly Gibibytes = new StorageUnit('gibibytes', 1024 ** 2, 'Gi');
  static readonly Tebibytes = new StorageUnit('tebibytes', 1024 ** 3, 'Ti');
  static readonly Pebibytes = new StorageUnit('pebibytes', 1024 ** 4, 'Pi');

  private constructor(
    readonly label: string,
    readonly inKibibytes: number,
    readonly abbreviation: string,
  ) {}

  toString(): string {
    return this.label;
  }
}

/** An amount of storage: `Size.gibibytes(10)` is "10Gi". */
export class Size {
  static kibibytes(amount: number): Size {
    return new Size(amount, StorageUnit.Kibibytes);
  }
  static mebibytes(amount: number): Size {
    return new Size(amount, StorageUnit.Mebibytes);
  }
  static gibibytes(amount: number): Size {
    return new Size(amount, StorageUnit.Gibibytes);
  }
  static tebibytes(amount: number): Size {
    return new Size(amount, StorageUnit.Tebibytes);
  }
  /** (sic: cdk8s's name) */
  static pebibyte(amount: number): Size {
    return new Size(amount, StorageUnit.Pebibytes);
  }

  private constructor(
    private readonly amount: number,
    private readonly unit: StorageUnit,
  ) {
    if (amount < 0) throw new KccError(`Storage amounts cannot be negative. Received: ${amount}`);
  }

  /** The Kubernetes quantity: "10Gi". */
  asString(): string {
    return `${this.amount}${this.unit.abbreviation}`;
  }

  toKibibytes(opts: SizeConversionOptions = {}): number {
    return convert(this.amount, this.unit, StorageUnit.Kibibytes, opts);
  }
  toMebibytes(opts: SizeConversionOptions = {}): number {
    return convert(this.amount, this.unit, StorageUnit.Mebibytes, opts);
  }
  toGibibytes(opts: SizeConversionOptions = {}): number {
    return convert(this.amount, this.unit, StorageUnit.Gibibytes, opts);
  }
  toTebibytes(opts: SizeConversionOptions = {}): number {
    return convert(this.amount, this.unit, StorageUnit.Tebibytes, opts);
  }
  toPebibytes(opts: SizeConversionOptions = {}): number {
    return convert(this.amount, this.unit, StorageUnit.Pebibytes, opts);
  }
}

function convert(amount: number, from: StorageUnit, to: StorageUnit, options: SizeConversionOptions): number {
  if (from.inKibibytes === to.inKibibytes) return amount;
  const value = amount * (from.inKibibytes / to.inKibibytes);
  switch (options.rounding ?? SizeRoundingBehavior.FAIL) {
    case SizeRoundingBehavior.NONE:
      return value;
    case SizeRoundingBehavior.FLOOR:
      return Math.floor(value);
    default:
      if (!Number.isInteger(value)) throw new KccError(`'${amount} ${from}' cannot be converted into a whole number of ${to}.`);
      return value;
  }
}
