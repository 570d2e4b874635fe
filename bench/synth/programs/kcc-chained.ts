// Bench program: 8 charts, 5 objects each, every chart depending on the previous one.
import { ApiObject, App, Chart } from 'kcc';

const app = new App();
let previous: Chart | undefined;
for (let c = 0; c < 8; c++) {
  const chart = new Chart(app, `chart-${c}`);
  for (let i = 0; i < 5; i++) new ApiObject(chart, `config-${i}`, { apiVersion: 'v1', kind: 'ConfigMap', data: { index: String(i) } });
  if (previous) chart.addDependency(previous);
  previous = chart;
}
