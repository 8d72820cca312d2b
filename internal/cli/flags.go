package cli

import (
	"errors"
	"flag"
	"strings"
)

// parseArgs parses flags that may come before, between or after the positional
// arguments (`enroll run flows/20i.yaml --report json=r.json`), and returns the
// positional ones. A request for help returns errHelp.
func parseArgs(fl *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fl.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, errHelp
			}
			return nil, &UsageError{Err: err}
		}
		if fl.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fl.Arg(0))
		args = fl.Args()[1:]
	}
}

// errHelp reports that a command printed its help; the command returns nil.
var errHelp = errors.New("help requested")

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }
