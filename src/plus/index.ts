// Hand-written high-level constructs: the declarative counterparts of kubectl's imperative
// commands (create deployment/expose/set env, create configmap/secret, create role/rolebinding).
export { ConfigMap } from './config-map.js';
export { Secret, type DockerRegistryCredentials, type TlsFiles } from './secret.js';
export { DataObject, type DataObjectProps } from './data-object.js';
export { EnvValue, envVars, type NamedRef } from './env-value.js';
export { Duration, Probe, type ProbeOptions } from './probe.js';
export { Volume } from './volume.js';
export { WebService, type WebServiceProps, type ExposeOptions, type ServiceType } from './web-service.js';
export { AccessRole, Resource, Subject, READ_VERBS, type AccessRoleProps } from './rbac.js';
