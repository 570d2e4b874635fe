package main

// Request is what kcc writes on stdin: the releases to render.
type Request struct {
	Releases []ReleaseRequest `json:"releases"`
}

// ReleaseRequest is one `helm template` run.
type ReleaseRequest struct {
	// Chart is a chart directory or a packaged chart (.tgz).
	Chart       string `json:"chart"`
	ReleaseName string `json:"releaseName"`
	Namespace   string `json:"namespace"`
	// Values lie under every file and flag (kcc's environment values); Helm's order follows:
	// ValueFiles in order, then SetJSON, Set, SetString, SetLiteral, SetFile.
	Values     map[string]any `json:"values,omitempty"`
	ValueFiles []string       `json:"valueFiles,omitempty"`
	SetJSON    []string       `json:"setJSON,omitempty"`
	Set        []string       `json:"set,omitempty"`
	SetString  []string       `json:"setString,omitempty"`
	SetLiteral []string       `json:"setLiteral,omitempty"`
	SetFile    []string       `json:"setFile,omitempty"`
	IsUpgrade  bool           `json:"isUpgrade,omitempty"`
	// KubeVersion is Capabilities.KubeVersion ("v1.36.3"); empty means Helm's default.
	KubeVersion string `json:"kubeVersion,omitempty"`
	// APIVersions are added to Capabilities.APIVersions (helm --api-versions).
	APIVersions []string `json:"apiVersions,omitempty"`
	// SkipSchemaValidation turns off values.schema.json checks (helm --skip-schema-validation).
	SkipSchemaValidation bool `json:"skipSchemaValidation,omitempty"`
	// Kubeconfig, when set, makes `lookup` read the live cluster (and Capabilities come from it).
	Kubeconfig  string `json:"kubeconfig,omitempty"`
	KubeContext string `json:"kubeContext,omitempty"`
}

// Response is what kcc-helm writes on stdout.
type Response struct {
	Helm    string   `json:"helm"`
	Results []Result `json:"results"`
}

// Result is one release: either its rendered parts or the error Helm reported.
type Result struct {
	Chart *ChartInfo `json:"chart,omitempty"`
	// Manifests are the documents `helm template` prints before the hooks, in Helm's install
	// order; CRDs from crds/ are not among them (see CRDs).
	Manifests []Manifest `json:"manifests"`
	Hooks     []Hook     `json:"hooks"`
	// CRDs are the files of crds/ of the chart and its enabled subcharts, as written.
	CRDs  []Manifest `json:"crds"`
	Notes string     `json:"notes,omitempty"`
	// Values are the user-supplied values after merging (Helm's release config).
	Values map[string]any `json:"values,omitempty"`
	Error  *RenderError   `json:"error,omitempty"`
}

// ChartInfo is the part of Chart.yaml kcc records in a release.
type ChartInfo struct {
	APIVersion  string `json:"apiVersion"`
	Name        string `json:"name"`
	Version     string `json:"version"`
	AppVersion  string `json:"appVersion,omitempty"`
	Type        string `json:"type,omitempty"`
	Description string `json:"description,omitempty"`
	KubeVersion string `json:"kubeVersion,omitempty"`
}

// Manifest is one YAML document and the template (or crds/ file) that wrote it.
type Manifest struct {
	Path    string `json:"path"`
	Content string `json:"content"`
}

// Hook is a document with a helm.sh/hook annotation, as Helm parsed it.
type Hook struct {
	Path           string   `json:"path"`
	Name           string   `json:"name"`
	Kind           string   `json:"kind"`
	Content        string   `json:"content"`
	Events         []string `json:"events"`
	Weight         int      `json:"weight"`
	DeletePolicies []string `json:"deletePolicies"`
}

// RenderError is Helm's message plus where it points, when the message says.
type RenderError struct {
	Message    string `json:"message"`
	File       string `json:"file,omitempty"`
	Line       int    `json:"line,omitempty"`
	Column     int    `json:"column,omitempty"`
	Expression string `json:"expression,omitempty"`
	// Kind: "template" (parse or execution), "yaml" (rendered output), "values" (schema or
	// values files), "dependency" (missing subchart), "chart" (cannot load) or "other".
	Kind string `json:"kind"`
}
