// pulumi-language-java — Derrick's STAND-IN Java language host, for the real-engine test tier only.
//
// The official Java host (github.com/pulumi/pulumi-java/pkg) cannot be obtained on the machines
// Derrick is tested on, so this small host takes its place. It supports exactly one way of running
// a program, the one Derrick's Pulumi.yaml uses: `runtime.options.binary` naming a prebuilt jar,
// which it runs as `java -jar <binary>` in the program directory with the environment the Java
// SDK reads (PULUMI_MONITOR, PULUMI_ENGINE, PULUMI_PROJECT, PULUMI_STACK, PULUMI_ORGANIZATION,
// PULUMI_ROOT_DIRECTORY, PULUMI_CONFIG, PULUMI_CONFIG_SECRET_KEYS, PULUMI_DRY_RUN, PULUMI_PARALLEL).
// It does not build Maven or Gradle projects, generate code, or report plugin dependencies: the
// providers a test needs are found on PATH by the engine.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// Version is set at build time (-ldflags -X main.Version=...).
var Version = "0.0.0-dev"

// exitErrorReported is the exit code with which a Pulumi program says "error already reported".
const exitErrorReported = 32

func main() {
	// The engine passes flags (-logtostderr, -v, --tracing, -root, ...) and the engine address last; the SDK's
	// logging package owns some of those flags, so none are parsed here: the last plain argument is the address.
	engineAddress := ""
	for _, a := range os.Args[1:] {
		if !strings.HasPrefix(a, "-") {
			engineAddress = a
		}
	}
	if engineAddress == "" {
		cmdutil.Exit(errors.New("usage: pulumi-language-java [flags] ENGINE_ADDRESS"))
	}
	host := &javaHost{engineAddress: engineAddress}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("could not start the language host: %w", err))
	}
	fmt.Printf("%d\n", handle.Port) // the engine reads the port from the first line of stdout
	if err := <-handle.Done; err != nil {
		cmdutil.Exit(err)
	}
}

type javaHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string
}

func (h *javaHost) Handshake(_ context.Context, req *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	if req.GetEngineAddress() != "" {
		h.engineAddress = req.GetEngineAddress()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *javaHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: Version}, nil
}

// GetRequiredPlugins reports none: the engine uses the providers it finds on PATH.
func (h *javaHost) GetRequiredPlugins(context.Context, *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *javaHost) GetRequiredPackages(context.Context, *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

// InstallDependencies has nothing to do: the jar is prebuilt.
func (h *javaHost) InstallDependencies(_ *pulumirpc.InstallDependenciesRequest, _ pulumirpc.LanguageRuntime_InstallDependenciesServer) error {
	return nil
}

func (h *javaHost) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	return &pulumirpc.AboutResponse{Executable: javaExecutable(), Version: "stand-in " + Version}, nil
}

func (h *javaHost) GetProgramDependencies(context.Context, *pulumirpc.GetProgramDependenciesRequest) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return &pulumirpc.GetProgramDependenciesResponse{}, nil
}

func (h *javaHost) RuntimeOptionsPrompts(context.Context, *pulumirpc.RuntimeOptionsRequest) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

// Run executes `java -jar <options.binary>` with the engine's environment contract.
func (h *javaHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	binary := ""
	if opts := info.GetOptions(); opts != nil {
		if v, ok := opts.GetFields()["binary"]; ok {
			binary = v.GetStringValue()
		}
	}
	if binary == "" {
		return &pulumirpc.RunResponse{Error: "the stand-in Java host runs only prebuilt jars: set runtime.options.binary in Pulumi.yaml"}, nil
	}
	programDir := info.GetProgramDirectory()
	if programDir == "" {
		programDir = req.GetPwd()
	}
	if !filepath.IsAbs(binary) {
		binary = filepath.Join(programDir, binary)
	}
	if !strings.HasSuffix(binary, ".jar") {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("the stand-in Java host runs jars only, not %s", binary)}, nil
	}
	if _, err := os.Stat(binary); err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("program jar %s: %v (build it first)", binary, err)}, nil
	}

	config := req.GetConfig()
	if config == nil {
		config = map[string]string{}
	}
	configJSON, err := json.Marshal(config)
	if err != nil {
		return nil, err
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, err
	}

	args := append(javaOptions(), "-jar", binary)
	args = append(args, req.GetArgs()...)
	cmd := exec.CommandContext(ctx, javaExecutable(), args...)
	cmd.Dir = programDir
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	cmd.Env = append(os.Environ(),
		"PULUMI_MONITOR="+req.GetMonitorAddress(),
		"PULUMI_ENGINE="+h.engineAddress,
		"PULUMI_PROJECT="+req.GetProject(),
		"PULUMI_STACK="+req.GetStack(),
		"PULUMI_ORGANIZATION="+req.GetOrganization(),
		"PULUMI_ROOT_DIRECTORY="+info.GetRootDirectory(),
		"PULUMI_CONFIG="+string(configJSON),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretJSON),
		"PULUMI_DRY_RUN="+strconv.FormatBool(req.GetDryRun()),
		"PULUMI_PARALLEL="+strconv.Itoa(int(req.GetParallel())),
	)
	started := time.Now()
	err = cmd.Run()
	recordTiming(req.GetDryRun(), time.Since(started))
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			if exit.ExitCode() == exitErrorReported {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("java -jar %s exited with code %d", filepath.Base(binary), exit.ExitCode())}, nil
		}
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

// recordTiming appends "preview|update<TAB>seconds" to the file DERRICK_PROGRAM_TIMINGS names, if any: how long the
// Derrick program (JVM start included) ran inside an engine operation, for scripts/bench.
func recordTiming(dryRun bool, took time.Duration) {
	path := os.Getenv("DERRICK_PROGRAM_TIMINGS")
	if path == "" {
		return
	}
	kind := "update"
	if dryRun {
		kind = "preview"
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	fmt.Fprintf(f, "%s\t%.2f\n", kind, took.Seconds())
}

// javaExecutable: DERRICK_JAVA, else JAVA_HOME/bin/java, else java on PATH.
func javaExecutable() string {
	if j := os.Getenv("DERRICK_JAVA"); j != "" {
		return j
	}
	if home := os.Getenv("JAVA_HOME"); home != "" {
		return filepath.Join(home, "bin", "java")
	}
	return "java"
}

// javaOptions: the JVM flags of DERRICK_JVM_FLAGS (space separated; set by scripts/java-env).
func javaOptions() []string {
	return strings.Fields(os.Getenv("DERRICK_JVM_FLAGS"))
}
