{{- define "datastore.primary.fullname" -}}
{{- if eq .Values.architecture "replication" -}}
{{- printf "%s-%s" (include "common.names.fullname" .) .Values.primary.name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- include "common.names.fullname" . -}}
{{- end -}}
{{- end -}}

{{- define "datastore.readReplica.fullname" -}}
{{- printf "%s-%s" (include "common.names.fullname" .) .Values.readReplicas.name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "datastore.image" -}}
{{- include "common.images.image" (dict "imageRoot" .Values.image "global" .Values.global) -}}
{{- end -}}

{{- define "datastore.metrics.image" -}}
{{- include "common.images.image" (dict "imageRoot" .Values.metrics.image "global" .Values.global) -}}
{{- end -}}

{{/* The password from the global section first, then the chart's own. */}}
{{- define "datastore.username" -}}
{{- coalesce (((.Values.global).datastore).auth).username .Values.auth.username "postgres" -}}
{{- end -}}

{{- define "datastore.database" -}}
{{- coalesce .Values.global.datastore.auth.database .Values.auth.database | default "postgres" -}}
{{- end -}}

{{- define "datastore.secretName" -}}
{{- include "common.secrets.name" (dict "existingSecret" .Values.auth.existingSecret "context" $) -}}
{{- end -}}

{{- define "datastore.createSecret" -}}
{{- if not .Values.auth.existingSecret -}}true{{- end -}}
{{- end -}}

{{- define "datastore.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{ default (include "common.names.fullname" .) .Values.serviceAccount.name }}
{{- else -}}
{{ default "default" .Values.serviceAccount.name }}
{{- end -}}
{{- end -}}

{{/* Resource presets by size, as some database charts offer. */}}
{{- define "datastore.resources.preset" -}}
{{- $presets := dict
  "nano" (dict "requests" (dict "cpu" "100m" "memory" "128Mi" "ephemeral-storage" "50Mi") "limits" (dict "cpu" "150m" "memory" "192Mi" "ephemeral-storage" "2Gi"))
  "small" (dict "requests" (dict "cpu" "500m" "memory" "512Mi" "ephemeral-storage" "50Mi") "limits" (dict "cpu" "750m" "memory" "768Mi" "ephemeral-storage" "2Gi"))
  "large" (dict "requests" (dict "cpu" "1.0" "memory" "2048Mi" "ephemeral-storage" "50Mi") "limits" (dict "cpu" "1.5" "memory" "3072Mi" "ephemeral-storage" "2Gi"))
-}}
{{- if hasKey $presets .type -}}
{{- index $presets .type | toYaml -}}
{{- else -}}
{{- printf "ERROR: Preset key '%s' invalid. Allowed values are %s" .type (join "," (keys $presets | sortAlpha)) | fail -}}
{{- end -}}
{{- end -}}

{{/* Validation messages; the chart fails with all of them together. */}}
{{- define "datastore.validateValues" -}}
{{- $messages := list -}}
{{- $messages = append $messages (include "datastore.validateValues.architecture" .) -}}
{{- $messages = append $messages (include "datastore.validateValues.replicas" .) -}}
{{- include "common.errors.validate" $messages -}}
{{- end -}}

{{- define "datastore.validateValues.architecture" -}}
{{- if not (regexMatch "^(standalone|replication)$" .Values.architecture) -}}
datastore: architecture
    Invalid architecture "{{ .Values.architecture }}": use "standalone" or "replication".
{{- end -}}
{{- end -}}

{{- define "datastore.validateValues.replicas" -}}
{{- if and (eq .Values.architecture "replication") (lt (int .Values.readReplicas.replicaCount) 1) -}}
datastore: readReplicas.replicaCount
    A replication architecture needs at least one read replica.
{{- end -}}
{{- end -}}
