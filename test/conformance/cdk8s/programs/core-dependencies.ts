// Dependencies between objects and charts, and a chart nested in another.
import { ApiObject, App, Chart } from 'cdk8s';

const app = new App();
const base = new Chart(app, 'base', { namespace: 'platform' });
const crd = new ApiObject(base, 'namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'platform' } });
const account = new ApiObject(base, 'account', { apiVersion: 'v1', kind: 'ServiceAccount' });
account.addDependency(crd);

const apps = new Chart(app, 'apps', { namespace: 'platform' });
apps.addDependency(base);
const config = new ApiObject(apps, 'config', { apiVersion: 'v1', kind: 'ConfigMap', data: { mode: 'prod' } });
const deployment = new ApiObject(apps, 'api', {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  spec: { selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { serviceAccountName: account.name, containers: [{ name: 'api', image: 'api:1' }] } } },
});
deployment.addDependency(config);

const child = new Chart(apps, 'child');
new ApiObject(child, 'extra', { apiVersion: 'v1', kind: 'ConfigMap', data: { nested: 'true' } });
app.synth();
