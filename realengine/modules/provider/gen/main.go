// gen writes schema-embed.json and terraform-mapping-embed.json for the provider's main, as the
// provider module's generate.go does: its schema.json with the version set, re-serialised, and
// its terraform-mapping.json re-serialised. Usage: gen MODULE_CMD_DIR OUT_DIR VERSION
package main

import (
	"encoding/json"
	"log"
	"os"
	"path/filepath"
)

func main() {
	if len(os.Args) != 4 {
		log.Fatal("usage: gen MODULE_CMD_DIR OUT_DIR VERSION")
	}
	in, out, version := os.Args[1], os.Args[2], os.Args[3]
	var schema map[string]any
	mustRead(filepath.Join(in, "schema.json"), &schema)
	schema["version"] = version
	mustWrite(filepath.Join(out, "schema-embed.json"), schema)
	var mapping any
	mustRead(filepath.Join(in, "terraform-mapping.json"), &mapping)
	mustWrite(filepath.Join(out, "terraform-mapping-embed.json"), mapping)
}

func mustRead(path string, v any) {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		log.Fatalf("%s: %v", path, err)
	}
}

func mustWrite(path string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		log.Fatal(err)
	}
}
