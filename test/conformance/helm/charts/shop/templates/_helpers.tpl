{{/* The web image, with the global registry override. */}}
{{- define "shop.image" -}}
{{- include "common.images.image" (dict "imageRoot" .Values.image "global" .Values.global "chart" .Chart) -}}
{{- end -}}

{{- define "shop.secretName" -}}
{{- include "common.secrets.name" (dict "existingSecret" .Values.auth.existingSecret "defaultNameSuffix" "auth" "context" $) -}}
{{- end -}}

{{/* The environment as a sorted list of name/value pairs; numbers become strings. */}}
{{- define "shop.env" -}}
{{- range $name := keys .Values.env | sortAlpha }}
- name: {{ $name | upper | replace "-" "_" }}
  value: {{ index $.Values.env $name | toString | quote }}
{{- end }}
{{- with .Values.extraEnvVars }}
{{ include "common.tplvalues.render" (dict "value" . "context" $) }}
{{- end }}
{{- end -}}

{{/* Whether the cache subchart runs under either alias. */}}
{{- define "shop.cacheEnabled" -}}
{{- if or .Values.sessions.enabled .Values.queue.enabled -}}true{{- end -}}
{{- end -}}

{{/* Host list for the ingress: the main host first, extra ones sorted and without duplicates. */}}
{{- define "shop.ingressHosts" -}}
{{- $hosts := list .Values.ingress.hostname -}}
{{- range .Values.ingress.extraHosts -}}
{{- $hosts = append $hosts .name -}}
{{- end -}}
{{- $first := first $hosts -}}
{{- $rest := rest $hosts | uniq | sortAlpha -}}
{{- toJson (prepend (without $rest $first) $first) -}}
{{- end -}}
