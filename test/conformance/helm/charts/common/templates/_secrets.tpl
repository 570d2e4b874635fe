{{/* The name of a secret: an existing one if given (rendered with tpl), else fullname with a suffix. */}}
{{- define "common.secrets.name" -}}
{{- $name := (include "common.names.fullname" .context) -}}
{{- if .defaultNameSuffix -}}
{{- $name = printf "%s-%s" $name .defaultNameSuffix | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- with .existingSecret -}}
{{- if not (typeIs "string" .) -}}
{{- with .name -}}
{{- $name = . -}}
{{- end -}}
{{- else -}}
{{- $name = . -}}
{{- end -}}
{{- end -}}
{{- printf "%s" (tpl $name $.context) -}}
{{- end -}}

{{/*
A password: the value if set, else the one already in the cluster (lookup; nothing offline), else a
required error when .failOnNew, else a fixed default given by the caller (never random here, so the output is comparable).
*/}}
{{- define "common.secrets.passwords.manage" -}}
{{- $password := "" -}}
{{- $providedPasswordKey := include "common.utils.getKeyFromList" (dict "keys" .providedValues "context" $.context) -}}
{{- $providedPasswordValue := include "common.utils.getValueFromKey" (dict "key" $providedPasswordKey "context" $.context) -}}
{{- $secretData := (lookup "v1" "Secret" (include "common.names.namespace" .context) .secret).data -}}
{{- if $secretData -}}
  {{- if hasKey $secretData .key -}}
    {{- $password = index $secretData .key | b64dec -}}
  {{- end -}}
{{- else if $providedPasswordValue -}}
  {{- $password = $providedPasswordValue | toString -}}
{{- else if .failOnNew -}}
  {{- $password = required (printf "%s must be set: %s" .key $providedPasswordKey) "" -}}
{{- else -}}
  {{- $password = default "changeme" .fallback -}}
{{- end -}}
{{- printf "%s" ($password | b64enc | quote) -}}
{{- end -}}
