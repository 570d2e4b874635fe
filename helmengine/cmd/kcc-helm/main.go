// kcc-helm renders Helm (Go-template) charts exactly as `helm template` does, with Helm's own
// action and engine packages, for kcc. It reads one JSON request on stdin naming any number of
// releases and writes one JSON response on stdout, so that a single process start serves a whole
// environment of releases (they render in parallel).
//
// It never installs anything: every release is a client-only install dry run, as `helm template`
// is. With a kubeconfig in the request the dry run may talk to the cluster so that `lookup` sees
// live objects (as `helm template --dry-run=server` does).
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"sync"
)

func main() {
	// Helm logs warnings through slog (deprecated charts, symlinks); they go to stderr so the
	// JSON on stdout stays clean.
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))

	if len(os.Args) > 1 && (os.Args[1] == "version" || os.Args[1] == "--version") {
		fmt.Println(helmVersion())
		return
	}

	input, err := io.ReadAll(os.Stdin)
	if err != nil {
		fatal(fmt.Errorf("reading the request from stdin: %w", err))
	}
	var request Request
	if err := json.Unmarshal(input, &request); err != nil {
		fatal(fmt.Errorf("the request on stdin is not valid JSON: %w", err))
	}

	response := Response{Helm: helmVersion(), Results: renderAll(request.Releases)}
	encoder := json.NewEncoder(os.Stdout)
	encoder.SetEscapeHTML(false)
	if err := encoder.Encode(response); err != nil {
		fatal(err)
	}
}

// renderAll renders every release on its own goroutine (bounded by the CPUs); results keep the
// order of the request.
func renderAll(releases []ReleaseRequest) []Result {
	results := make([]Result, len(releases))
	workers := runtime.GOMAXPROCS(0)
	if workers > len(releases) {
		workers = len(releases)
	}
	next := make(chan int)
	var wait sync.WaitGroup
	for w := 0; w < workers; w++ {
		wait.Add(1)
		go func() {
			defer wait.Done()
			for index := range next {
				results[index] = renderRelease(releases[index])
			}
		}()
	}
	for index := range releases {
		next <- index
	}
	close(next)
	wait.Wait()
	return results
}

func fatal(err error) {
	fmt.Fprintf(os.Stderr, "kcc-helm: %v\n", err)
	os.Exit(2)
}
