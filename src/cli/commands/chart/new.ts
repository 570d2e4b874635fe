import * as Args from '@oclif/core/args';
import { KccCommand } from '../../base-command.js';

export default class ChartNew extends KccCommand {
  static override description = 'Create a starter template chart (Deployment, Service, values schema, NOTES.txt) that passes lint';

  static override examples = [
    { description: 'Create ./shop', command: '<%= config.bin %> chart new shop' },
    { description: 'Create it under charts/', command: '<%= config.bin %> chart new charts/shop' },
  ];

  static override args = { name: Args.string({ description: 'chart name, or a path whose last segment is the name', required: true }) };

  async run(): Promise<void> {
    const { args } = await this.parse(ChartNew);
    const { createChart } = await import('../../../chart/new-chart.js');
    const files = await createChart(args.name);
    process.stdout.write(`created chart ${args.name}:\n${files.map((file) => `  ${file}`).join('\n')}\nnext: kcc chart lint ${args.name} && kcc template ${args.name}\n`);
  }
}
