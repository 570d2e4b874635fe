import { KccError } from '../core/errors.js';

export interface TimeConversionOptions {
  /** Fail when the result is not a whole number. @default true */
  readonly integral?: boolean;
}

class TimeUnit {
  static readonly Milliseconds = new TimeUnit('millis', 1);
  static readonly Seconds = new TimeUnit('seconds', 1_000);
  static readonly Minutes = new TimeUnit('minutes', 60_000);
  static readonly Hours = new TimeUnit('hours', 3_600_000);
  static readonly Days = new TimeUnit('days', 86_400_000);

  private constructor(
    readonly label: string,
    readonly inMillis: number,
  ) {}

  toString(): string {
    return this.label;
  }
}

/** A length of time: `Duration.seconds(30)`, converted to whatever unit a field wants. */
export class Duration {
  static millis(amount: number): Duration {
    return new Duration(amount, TimeUnit.Milliseconds);
  }
  static seconds(amount: number): Duration {
    return new Duration(amount, TimeUnit.Seconds);
  }
  static minutes(amount: number): Duration {
    return new Duration(amount, TimeUnit.Minutes);
  }
  static hours(amount: number): Duration {
    return new Duration(amount, TimeUnit.Hours);
  }
  static days(amount: number): Duration {
    return new Duration(amount, TimeUnit.Days);
  }

  /** An ISO 8601 duration of days, hours, minutes and seconds (`PT1H30M`). */
  static parse(duration: string): Duration {
    const match = /^PT(?:(\d+)D)?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(duration);
    if (!match || match.slice(1).every((part) => !part)) throw new KccError(`Not a valid ISO duration: ${duration}`);
    const [, days, hours, minutes, seconds] = match.map((part) => Number(part ?? 0));
    return Duration.millis(seconds! * 1_000 + minutes! * 60_000 + hours! * 3_600_000 + days! * 86_400_000);
  }

  private constructor(
    private readonly amount: number,
    private readonly unit: TimeUnit,
  ) {
    if (amount < 0) throw new KccError(`Duration amounts cannot be negative. Received: ${amount}`);
  }

  toMilliseconds(opts: TimeConversionOptions = {}): number {
    return convert(this.amount, this.unit, TimeUnit.Milliseconds, opts);
  }
  toSeconds(opts: TimeConversionOptions = {}): number {
    return convert(this.amount, this.unit, TimeUnit.Seconds, opts);
  }
  toMinutes(opts: TimeConversionOptions = {}): number {
    return convert(this.amount, this.unit, TimeUnit.Minutes, opts);
  }
  toHours(opts: TimeConversionOptions = {}): number {
    return convert(this.amount, this.unit, TimeUnit.Hours, opts);
  }
  toDays(opts: TimeConversionOptions = {}): number {
    return convert(this.amount, this.unit, TimeUnit.Days, opts);
  }

  /** ISO 8601 (`PT5M`, `PT1H30M`). */
  toIsoString(): string {
    if (this.amount === 0) return 'PT0S';
    switch (this.unit) {
      case TimeUnit.Seconds:
        return `PT${this.fractionDuration('S', 60, Duration.minutes)}`;
      case TimeUnit.Minutes:
        return `PT${this.fractionDuration('M', 60, Duration.hours)}`;
      case TimeUnit.Hours:
        return `PT${this.fractionDuration('H', 24, Duration.days)}`;
      case TimeUnit.Days:
        return `PT${this.amount}D`;
      default:
        throw new KccError(`Duration.toIsoString() does not support ${this.unit}`);
    }
  }

  /** "1 hour 30 minutes": the two most significant parts. */
  toHumanString(): string {
    if (this.amount === 0) return formatUnit(0, this.unit);
    let millis = convert(this.amount, this.unit, TimeUnit.Milliseconds, { integral: false });
    const parts: string[] = [];
    for (const unit of [TimeUnit.Days, TimeUnit.Hours, TimeUnit.Minutes, TimeUnit.Seconds]) {
      const whole = Math.floor(millis / unit.inMillis);
      if (whole > 0) {
        parts.push(formatUnit(whole, unit));
        millis -= whole * unit.inMillis;
      }
    }
    if (millis > 0) parts.push(formatUnit(millis, TimeUnit.Milliseconds));
    return parts.slice(0, 2).join(' ');
  }

  unitLabel(): string {
    return this.unit.toString();
  }

  private fractionDuration(symbol: string, modulus: number, next: (amount: number) => Duration): string {
    if (this.amount < modulus) return `${this.amount}${symbol}`;
    const remainder = this.amount % modulus;
    const quotient = next((this.amount - remainder) / modulus)
      .toIsoString()
      .slice(2);
    return remainder > 0 ? `${quotient}${remainder}${symbol}` : quotient;
  }
}

function formatUnit(amount: number, unit: TimeUnit): string {
  return amount === 1 ? `${amount} ${unit.label.slice(0, -1)}` : `${amount} ${unit.label}`;
}

function convert(amount: number, from: TimeUnit, to: TimeUnit, { integral = true }: TimeConversionOptions): number {
  if (from.inMillis === to.inMillis) {
    if (integral && !Number.isInteger(amount)) throw new KccError(`${amount} must be a whole number of ${to}.`);
    return amount;
  }
  const value = amount * (from.inMillis / to.inMillis);
  if (integral && !Number.isInteger(value)) throw new KccError(`'${amount} ${from}' cannot be converted into a whole number of ${to}.`);
  return value;
}
