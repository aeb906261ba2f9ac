// The Crosslens sample program: small on purpose (no fmt), so four cross builds stay a few MB.
// It prints where it runs and what it was built for, which is what you compare in the workbench.
package main

import (
	"os"
	"runtime"
)

func main() {
	os.Stdout.WriteString("crosslens sample: built for " + runtime.GOOS + "/" + runtime.GOARCH +
		" with " + runtime.Version() + "\n")
	if len(os.Args) > 1 {
		os.Stdout.WriteString("args: " + os.Args[1] + "\n")
	}
}
