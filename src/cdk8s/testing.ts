import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type AppProps } from './app.js';
import { Chart } from './chart.js';

/** Helpers for unit tests of cdk8s constructs. */
export class Testing {
  /** An App whose output directory is a new temporary directory. */
  static app(props?: AppProps): App {
    return new App({ outdir: props?.outdir ?? mkdtempSync(join(tmpdir(), 'cdk8s.outdir.')), ...props });
  }

  /** A Chart "test" in a new test App. */
  static chart(): Chart {
    return new Chart(Testing.app(), 'test');
  }

  /** The chart's manifests. */
  static synth(chart: Chart): any[] {
    return chart.toJson();
  }

  private constructor() {}
}
