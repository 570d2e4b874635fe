{{/*
Standard labels, merged with custom ones: include "common.labels.standard" (dict "customLabels" .Values.commonLabels "context" $)
Custom labels may hold templates; they are rendered with tpl first.
*/}}
{{- define "common.labels.standard" -}}
{{- if and (hasKey . "customLabels") (hasKey . "context") -}}
{{- $default := dict "app.kubernetes.io/name" (include "common.names.name" .context) "helm.sh/chart" (include "common.names.chart" .context) "app.kubernetes.io/instance" .context.Release.Name "app.kubernetes.io/managed-by" .context.Release.Service -}}
{{- with .context.Chart.AppVersion -}}
{{- $_ := set $default "app.kubernetes.io/version" . -}}
{{- end -}}
{{- $custom := fromYaml (include "common.tplvalues.render" (dict "value" (default (dict) .customLabels) "context" .context)) -}}
{{- toYaml (merge $custom $default) -}}
{{- else -}}
app.kubernetes.io/name: {{ include "common.names.name" . }}
helm.sh/chart: {{ include "common.names.chart" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}
{{- end -}}

{{/* Selector labels: never change after install, so only name and instance. */}}
{{- define "common.labels.matchLabels" -}}
{{- if and (hasKey . "customLabels") (hasKey . "context") -}}
{{- $custom := fromYaml (include "common.tplvalues.render" (dict "value" (default (dict) .customLabels) "context" .context)) -}}
{{- $selector := dict "app.kubernetes.io/name" (include "common.names.name" .context) "app.kubernetes.io/instance" .context.Release.Name -}}
{{- toYaml (merge (pick $custom "app.kubernetes.io/name" "app.kubernetes.io/instance") $selector) -}}
{{- else -}}
app.kubernetes.io/name: {{ include "common.names.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
{{- end -}}
