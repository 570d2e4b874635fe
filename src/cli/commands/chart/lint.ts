import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { KccCommand } from '../../base-command.js';
import { join } from 'node:path';
import { KccError } from '../../../core/errors.js';
import { formatFindings, type Finding, type FindingFormat } from '../../findings.js';

export default class ChartLint extends KccCommand {
  static override description = 'Check charts (kcc template charts and Helm charts): metadata, values schema, rendering and Kubernetes schema validation of every object';

  static override examples = [
    { description: 'Lint a chart with its default values', command: '<%= config.bin %> chart lint charts/webapp' },
    { description: 'Lint with the values an environment will use', command: '<%= config.bin %> chart lint charts/redis --set auth.password=x -f prod.yaml' },
    { description: 'Several charts, strict (warnings fail too)', command: '<%= config.bin %> chart lint charts/webapp charts/redis --set auth.password=x --strict' },
    { description: 'A Helm (Go-template) chart, rendered by Helm\'s own engine', command: '<%= config.bin %> chart lint ./podinfo --set replicaCount=2' },
    { description: 'Findings for GitHub code scanning', command: '<%= config.bin %> chart lint charts/webapp -o sarif > lint.sarif' },
  ];

  static override strict = false;
  static override args = { chart: Args.string({ description: 'chart directories (or packaged .tgz charts)', required: true }) };

  static override flags = {
    values: Flags.string({ char: 'f', description: 'values file (repeatable)', multiple: true }),
    set: Flags.string({ description: 'set values: a.b=1 (repeatable)', multiple: true }),
    'set-string': Flags.string({ description: 'set string values (repeatable)', multiple: true }),
    strict: Flags.boolean({ description: 'fail on warnings too', default: false }),
    output: Flags.string({ char: 'o', description: 'report format: text, json, or for CI sarif (code scanning), junit (test reports), github (workflow annotations)', options: ['text', 'json', 'sarif', 'junit', 'github'], default: 'text' }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(ChartLint);
    // Loaded on use: oclif imports every command module at start-up (see template.ts).
    const { lintChart } = await import('../../../chart/lint-chart.js');
    let failed = 0;
    const results = [];
    for (const dir of argv as string[]) {
      const result = await lintChart(dir, { valueFiles: flags.values, set: flags.set, setString: flags['set-string'] });
      const bad = result.errors.length > 0 || (flags.strict && result.warnings.length > 0);
      if (bad) failed++;
      results.push({ ...result, ok: !bad });
      if (flags.output !== 'text') continue;
      for (const error of result.errors) process.stdout.write(`[ERROR] ${error.format()}\n`);
      for (const warning of result.warnings) process.stdout.write(`[WARNING] ${dir}: ${warning}\n`);
      process.stdout.write(`${dir}: ${bad ? 'failed' : 'ok'} (${result.objects} objects, ${result.errors.length} errors, ${result.warnings.length} warnings)\n`);
    }
    if (flags.output === 'json') {
      const data = results.map((r) => ({ chart: r.chart, ok: r.ok, objects: r.objects, errors: r.errors.map((e) => ({ message: e.message, file: e.location?.file, line: e.location?.line, column: e.location?.column, field: e.field, hint: e.hint })), warnings: r.warnings }));
      process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    } else if (flags.output !== 'text') {
      const findings: Finding[] = results.flatMap((r) => [
        ...r.errors.map((e): Finding => ({ severity: 'error', rule: 'chart-lint', message: [e.field, e.message].filter(Boolean).join(': ') + (e.hint ? ` (${e.hint})` : ''), file: e.location?.file ?? r.chart, line: e.location?.line, column: e.location?.column })),
        ...r.warnings.map((w): Finding => ({ severity: 'warning', rule: 'chart-lint', message: w, file: join(r.chart, 'Chart.yaml') })),
      ]);
      process.stdout.write(formatFindings(flags.output as FindingFormat, findings, { name: 'kcc chart lint', version: this.config.version }, results.map((r) => r.chart)));
    }
    if (failed) throw new KccError(`${failed} of ${argv.length} chart${argv.length === 1 ? '' : 's'} failed lint`);
  }
}
