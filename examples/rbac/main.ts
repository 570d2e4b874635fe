// RBAC: Role + RoleBinding and ClusterRole + ClusterRoleBinding, written out in full and with
// the AccessRole helper (the declarative `kubectl create role/rolebinding`).
import { AccessRole, App, Chart, Resource, Subject } from 'kcc';
import * as k8s from 'kcc/k8s';

const app = new App();
const chart = new Chart(app, 'rbac');

const reader = new k8s.Role(chart, 'pod-reader', {
  metadata: { name: 'pod-reader' },
  rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'watch', 'list'] }],
});
new k8s.RoleBinding(chart, 'read-pods', {
  metadata: { name: 'read-pods' },
  subjects: [{ kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' }],
  roleRef: { kind: 'Role', name: reader.name, apiGroup: 'rbac.authorization.k8s.io' },
});

const secretReader = new k8s.ClusterRole(chart, 'secret-reader', {
  metadata: { name: 'secret-reader' },
  rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'watch', 'list'] }],
});
new k8s.ClusterRoleBinding(chart, 'read-secrets-global', {
  metadata: { name: 'read-secrets-global' },
  subjects: [{ kind: 'Group', name: 'manager', apiGroup: 'rbac.authorization.k8s.io' }],
  roleRef: { kind: 'ClusterRole', name: secretReader.name, apiGroup: 'rbac.authorization.k8s.io' },
});

// kubectl create clusterrole deployment-manager --verb=get,list,watch,update --resource=deployments.apps,pods
// kubectl create clusterrolebinding ... --clusterrole=deployment-manager --serviceaccount=default:ci
new AccessRole(chart, 'deployment-manager', { clusterWide: true, name: 'deployment-manager' })
  .allow(['get', 'list', 'watch', 'update'], Resource.DEPLOYMENTS, Resource.PODS)
  .bind(Subject.serviceAccount('ci', 'default'), Subject.user('jane'));
