export interface CronOptions {
  /** @default "*" */
  readonly minute?: string;
  /** @default "*" */
  readonly hour?: string;
  /** @default "*" */
  readonly day?: string;
  /** @default "*" */
  readonly month?: string;
  /** @default "*" */
  readonly weekDay?: string;
}

/** A cron schedule: `Cron.daily()`, `Cron.schedule({ minute: '30', hour: '2' })`. */
export class Cron {
  static everyMinute(): Cron {
    return new Cron({});
  }
  static hourly(): Cron {
    return new Cron({ minute: '0' });
  }
  static daily(): Cron {
    return new Cron({ minute: '0', hour: '0' });
  }
  static weekly(): Cron {
    return new Cron({ minute: '0', hour: '0', weekDay: '0' });
  }
  static monthly(): Cron {
    return new Cron({ minute: '0', hour: '0', day: '1' });
  }
  static annually(): Cron {
    return new Cron({ minute: '0', hour: '0', day: '1', month: '1' });
  }
  static schedule(options: CronOptions): Cron {
    return new Cron(options);
  }

  /** "minute hour day month weekDay". */
  readonly expressionString: string;

  constructor(options: CronOptions = {}) {
    const { minute = '*', hour = '*', day = '*', month = '*', weekDay = '*' } = options;
    this.expressionString = `${minute} ${hour} ${day} ${month} ${weekDay}`;
  }
}
