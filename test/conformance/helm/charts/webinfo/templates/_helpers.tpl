{{- define "webinfo.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "webinfo.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "webinfo.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "webinfo.labels" -}}
helm.sh/chart: {{ include "webinfo.chart" . }}
{{ include "webinfo.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "webinfo.selectorLabels" -}}
app.kubernetes.io/name: {{ include "webinfo.fullname" . }}
{{- end }}

{{- define "webinfo.serviceAccountName" -}}
{{- if .Values.serviceAccount.enabled }}
{{- default (include "webinfo.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "webinfo.tlsVolume" -}}
{{- if and .Values.tls.enabled .Values.tls.secretName -}}
true
{{- else if and .Values.tls.enabled .Values.certificate.create -}}
true
{{- end -}}
{{- end }}

{{- define "webinfo.tlsSecretName" -}}
{{- if .Values.tls.secretName -}}
{{ .Values.tls.secretName }}
{{- else -}}
{{ template "webinfo.fullname" . }}-tls
{{- end -}}
{{- end }}
