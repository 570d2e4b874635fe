import { Construct } from 'constructs';
import { registerApp } from './app-registry.js';
import { Chart } from './chart.js';
import { toYamlStream } from './serialize.js';
import { synthesizeApp, type SynthResult } from './synthesize.js';

/**
 * The root of a construct tree. Create one, add charts to it; `kcc synth` runs the program and
 * synthesizes every App it created (no `app.synth()` call needed, though calling it is harmless).
 */
export class App extends Construct {
  constructor() {
    super(undefined as unknown as Construct, '');
    registerApp(this);
  }

  /** Every chart in the app, nested ones included, in tree order. */
  get charts(): Chart[] {
    return this.node.findAll().filter((c): c is Chart => Chart.isChart(c));
  }

  /**
   * Resolves asynchronous sources and returns every chart's objects, ordered and checked for
   * duplicates. Does no file I/O of its own; `kcc synth` writes the files.
   */
  synth(): Promise<SynthResult> {
    return synthesizeApp(this);
  }

  /** All charts as one YAML stream, in output order. */
  async synthYaml(): Promise<string> {
    const result = await this.synth();
    return toYamlStream(result.charts.flatMap((chart) => chart.objects.map((t) => t.object)));
  }
}
