// Command config-schemas writes JSON Schemas for the configuration files kcc validates that are
// not API objects (kubeconfig, KubeSchedulerConfiguration), derived by reflection from the
// upstream Go types the files are decoded into, so the schemas follow the pinned release instead
// of a hand-written copy.
//
// Regenerate (from the repository root):
//
//	cd scripts/config-schemas && go run . ../../schemas/config
//
// The mapping follows encoding/json and the apimachinery decoders:
//   - a field's name is its `json` tag; `json:",inline"` and embedded structs are flattened;
//   - no field is required: the decoders never demand one (an absent field keeps its zero value);
//   - []byte is a base64 string, metav1.Duration a Go duration string ("10s", "1m30s");
//   - runtime.RawExtension, runtime.Object and interface{} accept any value (plugin arguments
//     and extensions are decoded later, by their own type).
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	clientcmdv1 "k8s.io/client-go/tools/clientcmd/api/v1"
	schedulerv1 "k8s.io/kube-scheduler/config/v1"
)

// Go's time.ParseDuration syntax: "0", or one or more signed decimal numbers with a unit.
const durationPattern = `^[-+]?(0|(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|ms|s|m|h))+)$`

const regenerate = "Regenerate: cd scripts/config-schemas && go run . ../../schemas/config"

type target struct {
	file       string
	apiVersion string
	kind       string
	source     string
	value      any
}

var targets = []target{
	{
		file:       "kubeconfig-v1.json",
		apiVersion: "v1",
		kind:       "Config",
		source:     "k8s.io/client-go/tools/clientcmd/api/v1.Config",
		value:      clientcmdv1.Config{},
	},
	{
		file:       "kubescheduler-v1.json",
		apiVersion: "kubescheduler.config.k8s.io/v1",
		kind:       "KubeSchedulerConfiguration",
		source:     "k8s.io/kube-scheduler/config/v1.KubeSchedulerConfiguration",
		value:      schedulerv1.KubeSchedulerConfiguration{},
	},
}

type schema = map[string]any

var (
	rawExtension = reflect.TypeOf(runtime.RawExtension{})
	duration     = reflect.TypeOf(metav1.Duration{})
	runtimeObj   = reflect.TypeOf((*runtime.Object)(nil)).Elem()
	// Types that decode themselves: reflection over their fields would describe the wrong form.
	jsonUnmarshaler = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()
)

// generator collects the named struct types met while walking one root into $defs.
type generator struct {
	defs map[string]schema
}

func definitionName(t reflect.Type) string {
	return strings.ReplaceAll(t.PkgPath(), "/", ".") + "." + t.Name()
}

func (g *generator) typeSchema(t reflect.Type) schema {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == rawExtension, t == runtimeObj:
		return schema{}
	case t == duration:
		return schema{"type": "string", "pattern": durationPattern}
	}
	switch t.Kind() {
	case reflect.Interface:
		return schema{}
	case reflect.String:
		return schema{"type": "string"}
	case reflect.Bool:
		return schema{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return schema{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return schema{"type": "number"}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return schema{"type": "string", "format": "byte"}
		}
		return schema{"type": "array", "items": g.typeSchema(t.Elem())}
	case reflect.Map:
		return schema{"type": "object", "additionalProperties": g.typeSchema(t.Elem())}
	case reflect.Struct:
		if reflect.PointerTo(t).Implements(jsonUnmarshaler) {
			// Its JSON form is not its fields: it needs a mapping above, like metav1.Duration.
			panic(fmt.Sprintf("%s decodes itself (UnmarshalJSON): add its JSON form to typeSchema", t))
		}
		name := definitionName(t)
		if _, seen := g.defs[name]; !seen {
			g.defs[name] = nil // a placeholder, so a recursive type ends here
			g.defs[name] = g.structSchema(t)
		}
		return schema{"$ref": "#/$defs/" + name}
	}
	panic(fmt.Sprintf("no JSON Schema mapping for %s", t))
}

func (g *generator) structSchema(t reflect.Type) schema {
	properties := schema{}
	g.addFields(t, properties)
	return schema{"type": "object", "properties": properties, "additionalProperties": false}
}

// addFields adds a struct's fields as encoding/json sees them, flattening inline and embedded structs.
func (g *generator) addFields(t reflect.Type, properties schema) {
	for i := 0; i < t.NumField(); i++ {
		field := t.Field(i)
		tag := field.Tag.Get("json")
		if tag == "-" || (!field.IsExported() && !field.Anonymous) {
			continue
		}
		name, options, _ := strings.Cut(tag, ",")
		inline := strings.Contains(","+options+",", ",inline,") || (field.Anonymous && name == "")
		if inline {
			inner := field.Type
			for inner.Kind() == reflect.Pointer {
				inner = inner.Elem()
			}
			g.addFields(inner, properties)
			continue
		}
		if name == "" {
			name = field.Name
		}
		properties[name] = g.typeSchema(field.Type)
	}
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run . OUTPUT_DIR")
		os.Exit(2)
	}
	out := os.Args[1]
	index := map[string]string{}
	for _, target := range targets {
		g := &generator{defs: map[string]schema{}}
		root := g.typeSchema(reflect.TypeOf(target.value))
		document := schema{
			"$comment":          generatedFrom(target.source),
			"x-kcc-config-file": schema{"apiVersion": target.apiVersion, "kind": target.kind},
			"$ref":              root["$ref"],
			"$defs":             g.defs,
		}
		write(filepath.Join(out, target.file), document)
		index[target.apiVersion+"/"+target.kind] = target.file
	}
	keys := make([]string, 0, len(index))
	for key := range index {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	write(filepath.Join(out, "index.json"), schema{
		"$comment": "Generated by scripts/config-schemas; do not edit. " + regenerate,
		"kinds":    index,
	})
}

// write stores a document as indented JSON; encoding/json sorts map keys, so output is deterministic.
func write(path string, document any) {
	var text bytes.Buffer
	encoder := json.NewEncoder(&text)
	encoder.SetEscapeHTML(false)
	encoder.SetIndent("", "  ")
	if err := encoder.Encode(document); err != nil {
		panic(err)
	}
	if err := os.WriteFile(path, text.Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func generatedFrom(source string) string {
	return fmt.Sprintf("Generated by scripts/config-schemas from %s (go.mod pins the release); do not edit. %s", source, regenerate)
}
