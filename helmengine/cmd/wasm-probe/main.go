// wasm-probe: the render core of kcc-helm without pkg/action (which does not build for wasip1),
// used only to measure the WebAssembly route. Not shipped.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"helm.sh/helm/v4/pkg/chart/common"
	"helm.sh/helm/v4/pkg/chart/common/util"
	"helm.sh/helm/v4/pkg/chart/loader"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	chartutil "helm.sh/helm/v4/pkg/chart/v2/util"
	"helm.sh/helm/v4/pkg/engine"
	releaseutil "helm.sh/helm/v4/pkg/release/v1/util"
	"sigs.k8s.io/yaml"
)

type request struct {
	Releases []struct {
		Chart       string   `json:"chart"`
		ReleaseName string   `json:"releaseName"`
		ValueFiles  []string `json:"valueFiles"`
	} `json:"releases"`
}

func main() {
	input, _ := io.ReadAll(os.Stdin)
	var req request
	if err := json.Unmarshal(input, &req); err != nil {
		panic(err)
	}
	out := []any{}
	for _, r := range req.Releases {
		loaded, err := loader.Load(r.Chart)
		if err != nil {
			panic(err)
		}
		chrt := loaded.(*chart.Chart)
		vals := map[string]any{}
		for _, f := range r.ValueFiles {
			b, _ := os.ReadFile(f)
			m := map[string]any{}
			_ = yaml.Unmarshal(b, &m)
			for k, v := range m {
				vals[k] = v
			}
		}
		if err := chartutil.ProcessDependencies(chrt, vals); err != nil {
			panic(err)
		}
		caps := common.DefaultCapabilities.Copy()
		top, err := util.ToRenderValues(chrt, vals, common.ReleaseOptions{Name: r.ReleaseName, Namespace: "default", Revision: 1, IsInstall: true}, caps)
		if err != nil {
			panic(err)
		}
		files, err := engine.Render(chrt, top)
		if err != nil {
			panic(err)
		}
		hooks, manifests, err := releaseutil.SortManifests(files, nil, releaseutil.InstallOrder)
		if err != nil {
			panic(err)
		}
		out = append(out, map[string]any{"manifests": manifests, "hooks": hooks})
	}
	b, _ := json.Marshal(out)
	fmt.Println(string(b))
}
