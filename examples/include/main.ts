// Existing YAML manifests as part of a chart (read at synth, each object keeps its file:line).
import { App, Chart, Include } from 'kcc';

const app = new App();
const chart = new Chart(app, 'include', { labels: { 'app.kubernetes.io/managed-by': 'kcc' } });
new Include(chart, 'legacy', { url: 'service.yaml' });
