{{/* A warning for NOTES.txt when images are not the chart's defaults. */}}
{{- define "common.warnings.rollingTag" -}}
{{- if and (contains "example" .repository) (not (.tag | toString | regexFind "-r\\d+$|sha256:")) }}
WARNING: Rolling tag detected ({{ .repository }}:{{ .tag }}), please note that it is strongly recommended to avoid using rolling tags in a production environment.
{{- end }}
{{- end -}}

{{/* Fails with a list of messages when any is non-empty. */}}
{{- define "common.errors.validate" -}}
{{- $messages := without . "" -}}
{{- if $messages -}}
{{- printf "\nVALUES VALIDATION:\n%s" (join "\n" $messages) | fail -}}
{{- end -}}
{{- end -}}
