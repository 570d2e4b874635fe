import { specCommand } from '../../spec-command.js';
import { runChartPull } from '../../run/chart-repository.js';
import { chartPullSpec } from '../../specs/chart-repository.js';

export default specCommand(chartPullSpec, runChartPull);
