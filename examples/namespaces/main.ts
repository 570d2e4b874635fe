// dev/prod separation: the same app in two namespaces, one chart per namespace.
// Inside the cluster the services are kubia.dev.svc.cluster.local and kubia.prod.svc.cluster.local.
import { App, Chart, WebService } from 'kcc';
import * as k8s from 'kcc/k8s';

const app = new App();
for (const [namespace, replicas] of [['dev', 1], ['prod', 3]] as const) {
  const chart = new Chart(app, namespace, { namespace, labels: { environment: namespace } });
  const ns = new k8s.Namespace(chart, 'namespace', { metadata: { name: namespace } });
  const web = new WebService(chart, 'kubia', { name: 'kubia', image: 'luksa/kubia', port: 8080, replicas });
  web.expose({ port: 80 });
  web.addDependency(ns);
}
