// Core cdk8s: ApiObject with explicit and derived names, chart namespace and labels, nested
// charts, ids that need cleaning, `Default`/`Resource` ids, long paths, CronJob names, names
// without hashes, Names helpers, Lazy values, JSON patches, metadata helpers.
import { ApiObject, App, Chart, JsonPatch, Lazy, Names } from 'cdk8s';
import { Construct } from 'constructs';

const app = new App();
const web = new Chart(app, 'web', { namespace: 'shop', labels: { team: 'storefront' } });

new ApiObject(web, 'explicit', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { a: '1' } });
new ApiObject(web, 'Derived Name.With.Dots', { apiVersion: 'v1', kind: 'ConfigMap', data: { b: '2' } });

class Frontend extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const config = new ApiObject(this, 'Resource', { apiVersion: 'v1', kind: 'ConfigMap', data: { c: '3' } });
    new ApiObject(this, 'Default', { apiVersion: 'v1', kind: 'Secret', stringData: { token: 'x' } });
    const replicas = { count: 2 };
    const deployment = new ApiObject(this, 'deployment', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { labels: { app: Names.toLabelValue(this) } },
      spec: {
        replicas: Lazy.any({ produce: () => replicas.count }),
        selector: { matchLabels: { app: Names.toLabelValue(this) } },
        template: {
          metadata: { labels: { app: Names.toLabelValue(this) } },
          spec: { containers: [{ name: 'web', image: 'nginx:1.27', env: [{ name: 'CONFIG', value: config.name }] }] },
        },
      },
    });
    replicas.count = 3;
    deployment.metadata.addAnnotation('example.com/owner', 'storefront');
    deployment.metadata.addLabel('tier', 'frontend');
    deployment.addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/ports', [{ containerPort: 8080 }]));
    deployment.addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/image', 'nginx:1.27.1'));
    this.node.defaultChild = deployment;
  }
}
const frontend = new Frontend(web, 'Frontend');
ApiObject.of(frontend).metadata.addLabel('found-by', 'ApiObject.of');

const nested = new Chart(web, 'Nested Chart', { labels: { nested: 'yes' } });
new ApiObject(nested, 'a-very-long-construct-id-that-keeps-going-and-going-beyond-the-limit', { apiVersion: 'v1', kind: 'ConfigMap', data: {} });
new ApiObject(nested, 'job', { apiVersion: 'batch/v1', kind: 'CronJob', spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } } } });
new ApiObject(nested, 'a-cron-job-whose-id-is-long-enough-to-be-cut-at-fifty-two', { apiVersion: 'batch/v1', kind: 'CronJob', spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } } } });

const plain = new Chart(app, 'plain', { disableResourceNameHashes: true });
new ApiObject(plain, 'service', { apiVersion: 'v1', kind: 'Service', spec: { ports: [{ port: 80 }], selector: { app: Names.toDnsLabel(plain, { extra: ['selector'] }) } } });
new ApiObject(plain, 'ns', { apiVersion: 'v1', kind: 'Namespace' });

app.synth();
