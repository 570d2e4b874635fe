import type { Construct } from 'constructs';
import { DataObject, type DataObjectProps } from './data-object.js';

export interface DockerRegistryCredentials {
  /** Registry host, e.g. `registry.example.com` or `https://index.docker.io/v1/`. */
  readonly server: string;
  readonly username: string;
  readonly password: string;
  /** @default none */
  readonly email?: string;
}

export interface TlsFiles {
  /** PEM certificate file (chain), relative to the calling file. */
  readonly certFile: string;
  /** PEM private key file, relative to the calling file. */
  readonly keyFile: string;
}

/**
 * A Secret built like `kubectl create secret`: generic (literals, files), docker-registry, tls.
 * All values are base64-encoded into `data`, as kubectl does.
 *
 * Secret values in a program end up in the manifests: prefer files kept out of version control,
 * or an external secret manager, for real credentials.
 */
export class Secret extends DataObject {
  /** `kubectl create secret generic NAME --from-literal=k=v...` */
  static fromLiterals(scope: Construct, id: string, data: Record<string, string>, props: DataObjectProps = {}): Secret {
    const secret = new Secret(scope, id, props);
    for (const [key, value] of Object.entries(data)) secret.addData(key, value);
    return secret;
  }

  /** `kubectl create secret generic NAME --from-file=path...` */
  static fromFiles(scope: Construct, id: string, paths: string[], props: DataObjectProps = {}): Secret {
    const secret = new Secret(scope, id, props);
    for (const path of paths) secret.addFile(path);
    return secret;
  }

  /**
   * `kubectl create secret docker-registry NAME --docker-server... --docker-username...`:
   * a `kubernetes.io/dockerconfigjson` Secret for `imagePullSecrets`.
   */
  static dockerRegistry(scope: Construct, id: string, credentials: DockerRegistryCredentials, props: DataObjectProps = {}): Secret {
    const secret = new Secret(scope, id, props, 'kubernetes.io/dockerconfigjson');
    const auth = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
    const entry = { username: credentials.username, password: credentials.password, ...(credentials.email ? { email: credentials.email } : {}), auth };
    secret.addData('.dockerconfigjson', JSON.stringify({ auths: { [credentials.server]: entry } }));
    return secret;
  }

  /** `kubectl create secret tls NAME --cert=FILE --key=FILE`: a `kubernetes.io/tls` Secret. */
  static tls(scope: Construct, id: string, files: TlsFiles, props: DataObjectProps = {}): Secret {
    const secret = new Secret(scope, id, props, 'kubernetes.io/tls');
    secret.addFile(files.certFile, 'tls.crt');
    secret.addFile(files.keyFile, 'tls.key');
    return secret;
  }

  /** A `kubernetes.io/tls` Secret from PEM text already in the program (e.g. from a secret store). */
  static tlsFromPem(scope: Construct, id: string, pem: { cert: string; key: string }, props: DataObjectProps = {}): Secret {
    const secret = new Secret(scope, id, props, 'kubernetes.io/tls');
    secret.addData('tls.crt', pem.cert);
    secret.addData('tls.key', pem.key);
    return secret;
  }

  /** The Secret's `type`. @default Opaque */
  readonly type: string;

  constructor(scope: Construct, id: string, props: DataObjectProps = {}, type = 'Opaque') {
    super(scope, id, props);
    this.type = type;
  }

  protected kindName(): 'Secret' {
    return 'Secret';
  }

  protected body(entries: Map<string, Buffer>): Record<string, unknown> {
    const data: Record<string, string> = {};
    for (const [key, bytes] of entries) data[key] = bytes.toString('base64');
    return { type: this.type, ...(entries.size ? { data } : {}) };
  }
}
