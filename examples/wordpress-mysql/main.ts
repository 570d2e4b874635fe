// WordPress and MySQL with persistent volumes, the password in a Secret.
import { App, Chart, EnvValue, Secret, envVars } from 'kcc';
import * as k8s from 'kcc/k8s';

const app = new App();
const chart = new Chart(app, 'wordpress');

// kubectl create secret generic mysql-pass --from-literal=password=... (use a real secret store for production).
const password = Secret.fromLiterals(chart, 'mysql-pass', { password: 'change-me' }, { name: 'mysql-pass' });

const claim = (name: string, labels: Record<string, string>): k8s.PersistentVolumeClaim =>
  new k8s.PersistentVolumeClaim(chart, name, { metadata: { name, labels }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } } });

const mysqlLabels = { app: 'wordpress', tier: 'mysql' };
const mysqlClaim = claim('mysql-pv-claim', mysqlLabels);
new k8s.Service(chart, 'mysql-service', {
  metadata: { name: 'wordpress-mysql', labels: { app: 'wordpress' } },
  spec: { ports: [{ port: 3306 }], selector: mysqlLabels, clusterIP: 'None' },
});
new k8s.Deployment(chart, 'mysql', {
  metadata: { name: 'wordpress-mysql', labels: { app: 'wordpress' } },
  spec: {
    selector: { matchLabels: mysqlLabels },
    strategy: { type: 'Recreate' },
    template: {
      metadata: { labels: mysqlLabels },
      spec: {
        containers: [
          {
            image: 'mysql:8.0',
            name: 'mysql',
            env: envVars({
              MYSQL_ROOT_PASSWORD: EnvValue.fromSecret(password, 'password'),
              MYSQL_DATABASE: 'wordpress',
              MYSQL_USER: 'wordpress',
              MYSQL_PASSWORD: EnvValue.fromSecret(password, 'password'),
            }),
            ports: [{ containerPort: 3306, name: 'mysql' }],
            volumeMounts: [{ name: 'mysql-persistent-storage', mountPath: '/var/lib/mysql' }],
          },
        ],
        volumes: [{ name: 'mysql-persistent-storage', persistentVolumeClaim: { claimName: mysqlClaim.name } }],
      },
    },
  },
});

const wordpressLabels = { app: 'wordpress', tier: 'frontend' };
const wordpressClaim = claim('wp-pv-claim', { app: 'wordpress' });
new k8s.Service(chart, 'wordpress-service', {
  metadata: { name: 'wordpress', labels: { app: 'wordpress' } },
  spec: { ports: [{ port: 80 }], selector: wordpressLabels, type: 'LoadBalancer' },
});
new k8s.Deployment(chart, 'wordpress', {
  metadata: { name: 'wordpress', labels: { app: 'wordpress' } },
  spec: {
    selector: { matchLabels: wordpressLabels },
    strategy: { type: 'Recreate' },
    template: {
      metadata: { labels: wordpressLabels },
      spec: {
        containers: [
          {
            image: 'wordpress:6.2.1-apache',
            name: 'wordpress',
            env: envVars({ WORDPRESS_DB_HOST: 'wordpress-mysql', WORDPRESS_DB_PASSWORD: EnvValue.fromSecret(password, 'password'), WORDPRESS_DB_USER: 'wordpress' }),
            ports: [{ containerPort: 80, name: 'wordpress' }],
            volumeMounts: [{ name: 'wordpress-persistent-storage', mountPath: '/var/www/html' }],
          },
        ],
        volumes: [{ name: 'wordpress-persistent-storage', persistentVolumeClaim: { claimName: wordpressClaim.name } }],
      },
    },
  },
});
