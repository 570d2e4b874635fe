{{/*
An image reference: include "common.images.image" (dict "imageRoot" .Values.image "global" .Values.global "chart" .Chart)
The registry comes from global.imageRegistry when set; a digest wins over a tag; the tag defaults to the chart's appVersion.
*/}}
{{- define "common.images.image" -}}
{{- $registryName := default .imageRoot.registry ((.global).imageRegistry) -}}
{{- $repositoryName := .imageRoot.repository -}}
{{- $separator := ":" -}}
{{- $termination := .imageRoot.tag | toString -}}
{{- if and (not .imageRoot.tag) .chart -}}
{{- $termination = .chart.AppVersion | toString -}}
{{- end -}}
{{- if .imageRoot.digest -}}
{{- $separator = "@" -}}
{{- $termination = .imageRoot.digest | toString -}}
{{- end -}}
{{- if $registryName -}}
{{- printf "%s/%s%s%s" $registryName $repositoryName $separator $termination -}}
{{- else -}}
{{- printf "%s%s%s" $repositoryName $separator $termination -}}
{{- end -}}
{{- end -}}

{{/* imagePullSecrets from the images' and the global lists, without duplicates, rendered with tpl. */}}
{{- define "common.images.renderPullSecrets" -}}
{{- $pullSecrets := list -}}
{{- $context := .context -}}
{{- range ((.context.Values.global).imagePullSecrets) -}}
{{- if kindIs "map" . -}}
{{- $pullSecrets = append $pullSecrets (include "common.tplvalues.render" (dict "value" .name "context" $context)) -}}
{{- else -}}
{{- $pullSecrets = append $pullSecrets (include "common.tplvalues.render" (dict "value" . "context" $context)) -}}
{{- end -}}
{{- end -}}
{{- range .images -}}
{{- range .pullSecrets -}}
{{- if kindIs "map" . -}}
{{- $pullSecrets = append $pullSecrets (include "common.tplvalues.render" (dict "value" .name "context" $context)) -}}
{{- else -}}
{{- $pullSecrets = append $pullSecrets (include "common.tplvalues.render" (dict "value" . "context" $context)) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if (not (empty $pullSecrets)) }}
imagePullSecrets:
  {{- range $pullSecrets | uniq }}
  - name: {{ . }}
  {{- end }}
{{- end }}
{{- end -}}

{{- define "common.images.pullPolicy" -}}
{{- $tag := toString .tag -}}
{{- default (ternary "Always" "IfNotPresent" (or (eq $tag "latest") (hasSuffix "-dev" $tag))) .pullPolicy -}}
{{- end -}}
