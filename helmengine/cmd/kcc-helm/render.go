package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"runtime/debug"
	"strings"
	"text/template"

	"k8s.io/client-go/tools/clientcmd"
	"sigs.k8s.io/yaml"

	"helm.sh/helm/v4/pkg/action"
	ci "helm.sh/helm/v4/pkg/chart"
	"helm.sh/helm/v4/pkg/chart/common"
	"helm.sh/helm/v4/pkg/chart/loader"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	"helm.sh/helm/v4/pkg/engine"
	release "helm.sh/helm/v4/pkg/release/v1"
	"helm.sh/helm/v4/pkg/strvals"
)

// renderRelease is `helm template <name> <chart> ...` for one release, returning its parts
// instead of printing them. Failures become a RenderError in the result, never a panic.
func renderRelease(request ReleaseRequest) (result Result) {
	result = Result{Manifests: []Manifest{}, Hooks: []Hook{}, CRDs: []Manifest{}}
	defer func() {
		if recovered := recover(); recovered != nil {
			result.Error = &RenderError{Message: fmt.Sprint(recovered), Kind: "other"}
		}
	}()

	loaded, err := loader.Load(request.Chart)
	if err != nil {
		result.Error = &RenderError{Message: err.Error(), Kind: "chart"}
		return result
	}
	chrt, ok := loaded.(*chart.Chart)
	if !ok {
		result.Error = &RenderError{Message: fmt.Sprintf("%s: only charts with apiVersion v1 or v2 can be rendered", request.Chart), Kind: "chart"}
		return result
	}
	result.Chart = &ChartInfo{
		APIVersion: chrt.Metadata.APIVersion, Name: chrt.Metadata.Name, Version: chrt.Metadata.Version, AppVersion: chrt.Metadata.AppVersion,
		Type: chrt.Metadata.Type, Description: chrt.Metadata.Description, KubeVersion: chrt.Metadata.KubeVersion,
	}
	switch chrt.Metadata.Type {
	case "", "application":
	default:
		result.Error = &RenderError{Message: fmt.Sprintf("%s charts are not installable", chrt.Metadata.Type), Kind: "chart"}
		return result
	}
	if len(chrt.Metadata.Dependencies) > 0 {
		if err := checkDependencies(chrt); err != nil {
			result.Error = &RenderError{Message: err.Error(), Kind: "dependency"}
			return result
		}
	}

	vals, err := mergeValues(request)
	if err != nil {
		result.Error = &RenderError{Message: err.Error(), Kind: "values"}
		return result
	}
	result.Values = vals

	cfg := action.NewConfiguration()
	if request.Kubeconfig != "" {
		lookup, err := liveLookup(request.Kubeconfig, request.KubeContext)
		if err != nil {
			result.Error = &RenderError{Message: err.Error(), Kind: "other"}
			return result
		}
		cfg.CustomTemplateFuncs = template.FuncMap{"lookup": lookup}
	}
	client := action.NewInstall(cfg)
	client.DryRunStrategy = action.DryRunClient
	client.ReleaseName = request.ReleaseName
	client.Namespace = request.Namespace
	if client.Namespace == "" {
		client.Namespace = "default"
	}
	client.Replace = true // as helm template: no name check against stored releases
	client.IncludeCRDs = false
	client.IsUpgrade = request.IsUpgrade
	client.SkipSchemaValidation = request.SkipSchemaValidation
	client.APIVersions = common.VersionSet(request.APIVersions)
	if request.KubeVersion != "" {
		kubeVersion, err := common.ParseKubeVersion(request.KubeVersion)
		if err != nil {
			result.Error = &RenderError{Message: fmt.Sprintf("invalid kube version '%s': %v", request.KubeVersion, err), Kind: "other"}
			return result
		}
		client.KubeVersion = kubeVersion
	}

	releaser, err := client.RunWithContext(context.Background(), chrt, vals)
	if err != nil {
		result.Error = describeError(err)
		return result
	}
	rel, ok := releaser.(*release.Release)
	if !ok {
		result.Error = &RenderError{Message: fmt.Sprintf("unexpected release type %T", releaser), Kind: "other"}
		return result
	}
	result.Manifests = splitManifest(rel.Manifest)
	for _, hook := range rel.Hooks {
		out := Hook{Path: hook.Path, Name: hook.Name, Kind: hook.Kind, Content: strings.TrimSpace(hook.Manifest), Weight: hook.Weight, Events: []string{}, DeletePolicies: []string{}}
		for _, event := range hook.Events {
			out.Events = append(out.Events, string(event))
		}
		for _, policy := range hook.DeletePolicies {
			out.DeletePolicies = append(out.DeletePolicies, string(policy))
		}
		result.Hooks = append(result.Hooks, out)
	}
	// RunWithContext has dropped disabled subcharts from chrt, so these are the CRDs Helm would
	// install (and print with --include-crds), in its order.
	for _, crd := range chrt.CRDObjects() {
		result.CRDs = append(result.CRDs, Manifest{Path: crd.Filename, Content: string(crd.File.Data)})
	}
	result.Notes = rel.Info.Notes
	return result
}

// checkDependencies is the check `helm template` makes before rendering: every dependency in
// Chart.yaml must be present under charts/.
func checkDependencies(chrt *chart.Chart) error {
	if err := action.CheckDependencies(chrt, toDependencies(chrt.Metadata.Dependencies)); err != nil {
		return fmt.Errorf("an error occurred while checking for chart dependencies. You may need to run 'helm dependency build' to fetch missing dependencies: %w", err)
	}
	return nil
}

// sourceHeader starts every document of a release manifest: "---\n# Source: <path>\n".
var sourceHeader = regexp.MustCompile(`(?m)^---\n# Source: (.*)\n`)

// splitManifest cuts Helm's release manifest back into its documents.
func splitManifest(text string) []Manifest {
	out := []Manifest{}
	matches := sourceHeader.FindAllStringSubmatchIndex(text, -1)
	for index, match := range matches {
		end := len(text)
		if index+1 < len(matches) {
			end = matches[index+1][0]
		}
		// Helm 3 trims each document (releaseutil.SplitManifests); Helm 4 keeps its final newline,
		// which `helm template` 4 prints as a blank line. kcc prints what Helm 3 prints.
		content := strings.TrimSpace(text[match[1]:end])
		out = append(out, Manifest{Path: text[match[2]:match[3]], Content: content})
	}
	return out
}

// mergeValues layers values as `helm template` does (values.Options.MergeValues), with the
// request's Values object below the files.
func mergeValues(request ReleaseRequest) (map[string]any, error) {
	base := map[string]any{}
	if request.Values != nil {
		base = mergeMaps(base, request.Values)
	}
	for _, file := range request.ValueFiles {
		bytes, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		current := map[string]any{}
		if err := yaml.Unmarshal(bytes, &current); err != nil {
			return nil, fmt.Errorf("failed to parse %s: %w", file, err)
		}
		base = mergeMaps(base, current)
	}
	for _, value := range request.SetJSON {
		if err := strvals.ParseJSON(value, base); err != nil {
			return nil, fmt.Errorf("failed parsing --set-json data %s", value)
		}
	}
	for _, value := range request.Set {
		if err := strvals.ParseInto(value, base); err != nil {
			return nil, fmt.Errorf("failed parsing --set data: %w", err)
		}
	}
	for _, value := range request.SetString {
		if err := strvals.ParseIntoString(value, base); err != nil {
			return nil, fmt.Errorf("failed parsing --set-string data: %w", err)
		}
	}
	for _, value := range request.SetLiteral {
		if err := strvals.ParseLiteralInto(value, base); err != nil {
			return nil, fmt.Errorf("failed parsing --set-literal data: %w", err)
		}
	}
	for _, value := range request.SetFile {
		reader := func(rs []rune) (any, error) {
			bytes, err := os.ReadFile(string(rs))
			if err != nil {
				return nil, err
			}
			return string(bytes), nil
		}
		if err := strvals.ParseIntoFile(value, base, reader); err != nil {
			return nil, fmt.Errorf("failed parsing --set-file data: %w", err)
		}
	}
	return base, nil
}

// mergeMaps is Helm's rule for values files: maps merge key by key, anything else replaces.
func mergeMaps(a, b map[string]any) map[string]any {
	out := make(map[string]any, len(a))
	for key, value := range a {
		out[key] = value
	}
	for key, value := range b {
		if next, ok := value.(map[string]any); ok {
			if current, ok := out[key].(map[string]any); ok {
				out[key] = mergeMaps(current, next)
				continue
			}
		}
		out[key] = value
	}
	return out
}

// liveLookup is Helm's own lookup function bound to the cluster of a kubeconfig.
func liveLookup(kubeconfig, context string) (any, error) {
	rules := &clientcmd.ClientConfigLoadingRules{ExplicitPath: kubeconfig}
	overrides := &clientcmd.ConfigOverrides{CurrentContext: context}
	config, err := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(rules, overrides).ClientConfig()
	if err != nil {
		return nil, fmt.Errorf("reading kubeconfig %s: %w", kubeconfig, err)
	}
	return engine.NewLookupFunction(config), nil
}

var (
	// "template: chart/templates/x.yaml:12:3: executing ...", "(chart/templates/x.yaml:12:3)" and
	// Helm 4's trace, a location at the start of a line.
	templateLocation = regexp.MustCompile(`(?m)(?:template: |\(|^)([^\s():]+\.(?:ya?ml|tpl|txt|json)):(\d+)(?::(\d+))?`)
	// "YAML parse error on chart/templates/x.yaml: error converting YAML to JSON: yaml: line 5: ..."
	yamlLocation = regexp.MustCompile(`YAML parse error on ([^\s:]+): .*?line (\d+)`)
	// `at <.Values.a.b>: nil pointer ...`
	failingExpression = regexp.MustCompile(`at <(.+?)>:`)
)

// describeError keeps Helm's message and picks out the file, line and expression it names.
func describeError(err error) *RenderError {
	message := err.Error()
	out := &RenderError{Message: message, Kind: "other"}
	var execError template.ExecError
	switch {
	case errors.As(err, &execError) || strings.Contains(message, "execution error") || strings.Contains(message, "parse error") || strings.HasPrefix(message, "template: "):
		out.Kind = "template"
	case strings.Contains(message, "YAML parse error"):
		out.Kind = "yaml"
	case strings.Contains(message, "values don't meet the specifications of the schema"):
		out.Kind = "values"
	case strings.Contains(message, "chart requires kubeVersion"):
		out.Kind = "chart"
	}
	// An error inside an included template lists the chain outermost first; the last entry is
	// where the failing expression is.
	if matches := templateLocation.FindAllStringSubmatch(message, -1); matches != nil {
		match := matches[len(matches)-1]
		out.File = match[1]
		fmt.Sscan(match[2], &out.Line)
		if match[3] != "" {
			fmt.Sscan(match[3], &out.Column)
		}
		if out.Kind == "other" {
			out.Kind = "template"
		}
	} else if match := yamlLocation.FindStringSubmatch(message); match != nil {
		out.File = match[1]
		fmt.Sscan(match[2], &out.Line)
		out.Kind = "yaml"
	}
	if matches := failingExpression.FindAllStringSubmatch(message, -1); matches != nil {
		out.Expression = matches[len(matches)-1][1]
	}
	return out
}

func toDependencies(deps []*chart.Dependency) []ci.Dependency {
	out := make([]ci.Dependency, 0, len(deps))
	for _, dep := range deps {
		out = append(out, dep)
	}
	return out
}

// helmVersion is the version of the helm.sh/helm module this binary was built from.
func helmVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == "helm.sh/helm/v4" {
				return dep.Version
			}
		}
	}
	return "unknown"
}
