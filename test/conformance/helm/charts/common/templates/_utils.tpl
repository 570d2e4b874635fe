{{/* A value by dotted path from a context: include "common.utils.getValueFromKey" (dict "key" "auth.password" "context" $) */}}
{{- define "common.utils.getValueFromKey" -}}
{{- $splitKey := splitList "." .key -}}
{{- $value := "" -}}
{{- $latestObj := $.context.Values -}}
{{- range $splitKey -}}
  {{- if not $latestObj -}}
    {{- printf "please review the entire path of '%s' exists in values" $.key | fail -}}
  {{- end -}}
  {{- $value = (index $latestObj .) -}}
  {{- $latestObj = $value -}}
{{- end -}}
{{- printf "%v" (default "" $value) -}}
{{- end -}}

{{/* The first key of a list that has a non-empty value: include "common.utils.getKeyFromList" (dict "keys" (list "a" "b") "context" $) */}}
{{- define "common.utils.getKeyFromList" -}}
{{- $key := first .keys -}}
{{- $reverseKeys := reverse .keys }}
{{- range $reverseKeys }}
  {{- $value := include "common.utils.getValueFromKey" (dict "key" . "context" $.context ) }}
  {{- if $value -}}
    {{- $key = . }}
  {{- end -}}
{{- end -}}
{{- printf "%s" $key -}}
{{- end -}}

{{/* A checksum of a rendered template, to roll pods when a config changes. */}}
{{- define "common.utils.checksumTemplate" -}}
{{- $obj := include (print .context.Template.BasePath .path) .context | fromYaml -}}
{{ omit $obj "apiVersion" "kind" "metadata" | toYaml | sha256sum }}
{{- end -}}

{{/* Kind of each value, for debugging and for tests: typeOf and kindIs agree. */}}
{{- define "common.utils.describe" -}}
{{- range $key, $value := . }}
{{ $key }}: {{ printf "%s/%s/%t" (typeOf $value) (kindOf $value) (kindIs "map" $value) | quote }}
{{- end }}
{{- end -}}
