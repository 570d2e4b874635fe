// Hand-written high-level constructs: the declarative counterparts of kubectl's imperative
// commands (create deployment/expose/set env, create configmap/secret, create role/rolebinding),
// and one construct or helper per concept of the course, with secure defaults that each object
// can switch off (`secureDefaults: false`).
export { ConfigMap } from './config-map.js';
export { Secret, type DockerRegistryCredentials, type TlsFiles } from './secret.js';
export { DataObject, type DataObjectProps } from './data-object.js';
export { EnvValue, envVars, type NamedRef } from './env-value.js';
export { Duration, Probe, type ProbeOptions } from './probe.js';
export { Volume } from './volume.js';
export { WebService, type WebServiceProps, type ExposeOptions } from './web-service.js';
export { AccessRole, ClusterRole, Resource, Role, Subject, READ_VERBS, WRITE_VERBS, type AccessRoleProps } from './rbac.js';

// Workloads and their pods.
export { SECURE_CONTAINER_CONTEXT, SECURE_POD_CONTEXT, DEFAULT_RESOURCES } from './secure-defaults.js';
export { Container, type ContainerProps, type ContainerPortOptions, type MountOptions, type Protocol } from './container.js';
export { Workload, type WorkloadProps, type PodMetadataProps, type RestartPolicy } from './workload.js';
export { Deployment, DeploymentStrategy, type DeploymentProps, type ControllerProps } from './deployment.js';
export { StatefulSet, type StatefulSetProps } from './stateful-set.js';
export { DaemonSet, type DaemonSetProps } from './daemon-set.js';
export { ReplicaSet, ReplicationController, type ReplicationControllerProps } from './replica-set.js';
export { Job, type JobProps, type JobOptions } from './job.js';
export { CronJob, type CronJobProps } from './cron-job.js';
export { Pod } from './pod.js';
export { type ServiceType, type ServiceOptions, type ServicePortOptions } from './service.js';

// Scheduling.
export { LabelExpression, Pods, Namespaces, NAMESPACE_NAME_LABEL } from './label-selector.js';
export {
  Scheduling,
  Toleration,
  Topology,
  type SchedulingProps,
  type PodAffinityOptions,
  type TaintEffect,
  type PriorityClassRef,
} from './scheduling.js';
export { PriorityClass, type PriorityClassProps } from './priority-class.js';
export { Binding } from './binding.js';

// Network.
export { NetworkPolicy, NetworkPort, Peer, type NetworkPolicyProps, type PodSource, type PolicyType } from './network-policy.js';
export { Ingress, IngressBackend, type IngressProps, type PathType } from './ingress.js';
export { IngressClass, type IngressClassProps } from './ingress-class.js';

// Storage.
export { PersistentVolume, PersistentVolumeSource, type PersistentVolumeProps } from './persistent-volume.js';
export {
  PersistentVolumeClaim,
  type PersistentVolumeClaimProps,
  type ClaimSpecProps,
  type AccessMode,
  type StorageRef,
} from './persistent-volume-claim.js';
export { StorageClass, type StorageClassProps } from './storage-class.js';

// Namespaces' budgets, identities, autoscaling, certificates.
export { ResourceQuota, type ResourceQuotaProps, type ComputeAmounts } from './resource-quota.js';
export { LimitRange, type LimitRangeProps, type ContainerLimits } from './limit-range.js';
export { ServiceAccount, type ServiceAccountProps } from './service-account.js';
export { HorizontalPodAutoscaler, Metric, type HorizontalPodAutoscalerProps, type ScaleTarget } from './horizontal-pod-autoscaler.js';
export { CertificateSigningRequest, type CertificateSigningRequestProps } from './certificate-signing-request.js';
