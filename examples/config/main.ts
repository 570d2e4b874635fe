// ConfigMaps and Secrets (from literals and from files) consumed as env, envFrom and volumes.
import { App, Chart, ConfigMap, EnvValue, Secret, envVars } from 'kcc';
import * as k8s from 'kcc/k8s';

const app = new App();
const chart = new Chart(app, 'config');

// kubectl create configmap special-config --from-literal=special.how=very --from-literal=special.type=charm
const special = ConfigMap.fromLiterals(chart, 'special', { 'special.how': 'very', 'special.type': 'charm' }, { name: 'special-config' });
// kubectl create configmap game-config --from-file=game.properties --from-file=ui.properties
const game = ConfigMap.fromFiles(chart, 'game', ['game.properties', 'ui.properties'], { name: 'game-config' });
// Values a YAML 1.1 reader would misread stay strings: "on", "0755", "1e3" are quoted in the output.
const env = ConfigMap.fromLiterals(chart, 'env', { LOG_LEVEL: 'info', FEATURE_FLAG: 'on', FILE_MODE: '0755', RATIO: '1e3' }, { name: 'env-config' });
// kubectl create secret generic db-user-pass --from-literal=username=admin --from-literal=password=...
const db = Secret.fromLiterals(chart, 'db', { username: 'admin', password: 'S!B\\*d$zDsb=' }, { name: 'db-user-pass' });

new k8s.Pod(chart, 'env-pod', {
  metadata: { name: 'config-env' },
  spec: {
    restartPolicy: 'Never',
    containers: [
      {
        name: 'test',
        image: 'busybox',
        command: ['/bin/sh', '-c', 'env'],
        env: envVars({
          SPECIAL_LEVEL_KEY: EnvValue.fromConfigMap(special, 'special.how'),
          DB_PASSWORD: EnvValue.fromSecret(db, 'password'),
          POD_NAME: EnvValue.fromField('metadata.name'),
        }),
        envFrom: [{ configMapRef: { name: env.name } }, { secretRef: { name: db.name }, prefix: 'DB_' }],
      },
    ],
  },
});

new k8s.Pod(chart, 'volume-pod', {
  metadata: { name: 'config-volume' },
  spec: {
    restartPolicy: 'Never',
    containers: [
      {
        name: 'test',
        image: 'busybox',
        command: ['/bin/sh', '-c', 'ls /etc/config/ /etc/secret/'],
        volumeMounts: [
          { name: 'config', mountPath: '/etc/config' },
          { name: 'secret', mountPath: '/etc/secret', readOnly: true },
        ],
      },
    ],
    volumes: [
      { name: 'config', configMap: { name: game.name } },
      { name: 'secret', secret: { secretName: db.name } },
    ],
  },
});
