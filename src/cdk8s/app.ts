import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Construct, type IConstruct } from 'constructs';
import { registerApp } from '../core/app-registry.js';
import { rejectFailedValidations } from '../core/construct-validations.js';
import { KccError } from '../core/errors.js';
import { toYamlStream } from '../core/serialize.js';
import { synthesizeApp } from '../core/synthesize.js';
import { Chart } from './chart.js';
import { DependencyGraph } from './dependency.js';
import { Names } from './names.js';
import { builtInResolvers, type IResolver } from './resolve.js';

/** How `app.synth()` divides output into files when the app runs outside `kcc synth`. */
export enum YamlOutputType {
  FILE_PER_APP = 0,
  FILE_PER_CHART = 1,
  FILE_PER_RESOURCE = 2,
  FOLDER_PER_CHART_FILE_PER_RESOURCE = 3,
}

export interface AppProps {
  /** @default $CDK8S_OUTDIR, else "dist" */
  readonly outdir?: string;
  /** @default ".k8s.yaml" */
  readonly outputFileExtension?: string;
  /** @default YamlOutputType.FILE_PER_CHART */
  readonly yamlOutputType?: YamlOutputType;
  /** Accepted for compatibility; kcc records where each object came from itself. @default false */
  readonly recordConstructMetadata?: boolean;
  /** Resolvers tried before the built-in ones (Lazy, implicit tokens, number/string unions). */
  readonly resolvers?: IResolver[];
}

/** Set by kcc while it runs a program (`kcc synth`): kcc then synthesizes and writes the output. */
const RUNNING_PROGRAM = Symbol.for('kcc.runningProgram');

/**
 * cdk8s's App. Under `kcc synth` (and every kcc command that runs a program) the app is
 * synthesized by kcc after the program ends: validated, ordered and written as kcc writes every
 * app, so `app.synth()` in the program does nothing there. Used as a library outside kcc,
 * `synth()` writes one file per chart (or per app) to `outdir`, as cdk8s does.
 */
export class App extends Construct {
  /** The app (the root) `c` belongs to. */
  static of(c: IConstruct): App {
    return c.node.root as App;
  }

  readonly outdir: string;
  readonly outputFileExtension: string;
  readonly yamlOutputType: YamlOutputType;
  /** The app's resolvers, then the built-in ones. */
  readonly resolvers: IResolver[];
  /** True when the app has no resolvers of its own (lets resolution skip plain values). @internal */
  readonly builtInResolversOnly: boolean;

  constructor(props: AppProps = {}) {
    super(undefined as unknown as Construct, '');
    this.outdir = props.outdir ?? process.env.CDK8S_OUTDIR ?? 'dist';
    this.outputFileExtension = props.outputFileExtension ?? '.k8s.yaml';
    this.yamlOutputType = props.yamlOutputType ?? YamlOutputType.FILE_PER_CHART;
    this.resolvers = [...(props.resolvers ?? []), ...builtInResolvers()];
    this.builtInResolversOnly = !props.resolvers?.length;
    registerApp({ synth: () => synthesizeApp(this), app: this });
  }

  /** The charts, dependencies first (a chart after the charts nested in it, as in cdk8s). */
  get charts(): Chart[] {
    return new DependencyGraph(this.node).topology().filter((c): c is Chart => Chart.isChart(c));
  }

  /** Outside kcc: writes the manifests to `outdir`. Under kcc: nothing (kcc writes them). */
  synth(): void {
    if ((globalThis as Record<symbol, unknown>)[RUNNING_PROGRAM]) return;
    rejectFailedValidations(this.node.findAll());
    mkdirSync(this.outdir, { recursive: true });
    const charts = this.charts;
    switch (this.yamlOutputType) {
      case YamlOutputType.FILE_PER_APP:
        if (charts.length > 0) writeFileSync(join(this.outdir, `app${this.outputFileExtension}`), toYamlStream(charts.flatMap((c) => c.toJson())));
        return;
      case YamlOutputType.FILE_PER_CHART:
        for (const chart of charts) writeFileSync(join(this.outdir, `${Names.toDnsLabel(chart)}${this.outputFileExtension}`), toYamlStream(chart.toJson()));
        return;
      default:
        throw new KccError(`YamlOutputType.${YamlOutputType[this.yamlOutputType]} is not supported by kcc's cdk8s layer`, {
          hint: 'use FILE_PER_CHART or FILE_PER_APP, or run the program with `kcc synth`, which writes its own output',
        });
    }
  }

  /** Every chart's objects as one YAML stream. */
  synthYaml(): string {
    return toYamlStream(this.charts.flatMap((c) => c.toJson()));
  }
}
