// cdk8s-plus: ServiceAccount, Role, ClusterRole, their bindings, and permission grants.
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';

const app = new App();
const chart = new Chart(app, 'rbac', { namespace: 'ops' });
const account = new kplus.ServiceAccount(chart, 'operator', { automountToken: false });
const role = new kplus.Role(chart, 'config-reader');
role.allowRead(kplus.ApiResource.CONFIG_MAPS, kplus.ApiResource.SECRETS);
role.allow(['create'], kplus.ApiResource.EVENTS);
role.bind(account);

const clusterRole = new kplus.ClusterRole(chart, 'node-reader');
clusterRole.allowRead(kplus.ApiResource.NODES);
clusterRole.allowGet(kplus.NonApiResource.of('/healthz'));
clusterRole.bind(account);
clusterRole.bindInNamespace('monitoring', kplus.User.fromName(chart, 'alice', 'alice@example.com'));

const aggregate = new kplus.ClusterRole(chart, 'aggregate', { aggregationLabels: { 'rbac.example.com/aggregate-to-ops': 'true' } });
aggregate.aggregate('rbac.example.com/extra', 'true');

const configMap = new kplus.ConfigMap(chart, 'shared', { data: { a: 'b' } });
configMap.permissions.grantRead(account);
app.synth();
