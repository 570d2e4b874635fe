import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Files of a local cluster's PKI, all PEM, under <state>/pki/. */
export interface PkiPaths {
  dir: string;
  caCert: string;
  caKey: string;
  apiserverCert: string;
  apiserverKey: string;
  adminCert: string;
  adminKey: string;
  controllerManagerCert: string;
  controllerManagerKey: string;
  schedulerCert: string;
  schedulerKey: string;
  serviceAccountKey: string;
  serviceAccountPub: string;
}

export function pkiPaths(stateDir: string): PkiPaths {
  const dir = join(stateDir, 'pki');
  const at = (file: string) => join(dir, file);
  return {
    dir,
    caCert: at('ca.crt'),
    caKey: at('ca.key'),
    apiserverCert: at('apiserver.crt'),
    apiserverKey: at('apiserver.key'),
    adminCert: at('admin.crt'),
    adminKey: at('admin.key'),
    controllerManagerCert: at('controller-manager.crt'),
    controllerManagerKey: at('controller-manager.key'),
    schedulerCert: at('scheduler.crt'),
    schedulerKey: at('scheduler.key'),
    serviceAccountKey: at('sa.key'),
    serviceAccountPub: at('sa.pub'),
  };
}

export function pkiComplete(paths: PkiPaths): boolean {
  return Object.entries(paths).every(([key, file]) => key === 'dir' || existsSync(file));
}
