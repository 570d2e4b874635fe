import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { KccCommand } from '../../base-command.js';
import { KccError } from '../../../core/errors.js';

export default class ChartLint extends KccCommand {
  static override description = 'Check template charts: metadata, values schema, rendering and Kubernetes schema validation of every object';

  static override examples = [
    { description: 'Lint a chart with its default values', command: '<%= config.bin %> chart lint charts/webapp' },
    { description: 'Lint with the values an environment will use', command: '<%= config.bin %> chart lint charts/redis --set auth.password=x -f prod.yaml' },
    { description: 'Several charts, strict (warnings fail too)', command: '<%= config.bin %> chart lint charts/webapp charts/redis --set auth.password=x --strict' },
  ];

  static override strict = false;
  static override args = { chart: Args.string({ description: 'chart directories', required: true }) };

  static override flags = {
    values: Flags.string({ char: 'f', description: 'values file (repeatable)', multiple: true }),
    set: Flags.string({ description: 'set values: a.b=1 (repeatable)', multiple: true }),
    'set-string': Flags.string({ description: 'set string values (repeatable)', multiple: true }),
    strict: Flags.boolean({ description: 'fail on warnings too', default: false }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(ChartLint);
    // Loaded on use: oclif imports every command module at start-up (see template.ts).
    const { lintChart } = await import('../../../chart/lint-chart.js');
    let failed = 0;
    for (const dir of argv as string[]) {
      const result = await lintChart(dir, { valueFiles: flags.values, set: flags.set, setString: flags['set-string'] });
      for (const error of result.errors) process.stdout.write(`[ERROR] ${error.format()}\n`);
      for (const warning of result.warnings) process.stdout.write(`[WARNING] ${dir}: ${warning}\n`);
      const bad = result.errors.length > 0 || (flags.strict && result.warnings.length > 0);
      if (bad) failed++;
      process.stdout.write(`${dir}: ${bad ? 'failed' : 'ok'} (${result.objects} objects, ${result.errors.length} errors, ${result.warnings.length} warnings)\n`);
    }
    if (failed) throw new KccError(`${failed} of ${argv.length} chart${argv.length === 1 ? '' : 's'} failed lint`);
  }
}
