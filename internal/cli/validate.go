package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/enroll-dev/enroll/flow"
)

const validateUsage = `Usage: enroll validate FLOW|DIR...

Checks flow files without running them: the format, every action's fields, imports,
fragments and ${references}. A DIR means every .yaml file in it and below; files in a
sites/ directory are fragment files and are checked as such.

Prints "ok FILE (N steps)" for each valid file on stdout and every problem as
file:line:col: message on stderr. Exits 2 when any file is invalid.
Run 'enroll help steps' for the actions a flow may use.`

// runValidate is `enroll validate`: the flow checker, with no browser.
func runValidate(ctx context.Context, env *Env, args []string) error {
	fl := flag.NewFlagSet("enroll validate", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	fl.Usage = func() { fmt.Fprintln(env.Stderr, validateUsage) }
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return &UsageError{Err: err}
	}
	if fl.NArg() == 0 {
		fl.Usage()
		return usagef("want at least one flow file or directory")
	}
	invalid := false
	for _, arg := range fl.Args() {
		files, err := flowFiles(arg)
		if err != nil {
			fmt.Fprintf(env.Stderr, "%v\n", err)
			invalid = true
			continue
		}
		for _, file := range files {
			if err := ctx.Err(); err != nil {
				return err
			}
			if !validateFile(env, file) {
				invalid = true
			}
		}
	}
	if invalid {
		return &UsageError{Err: errFailed}
	}
	return nil
}

// flowFile is a file to validate, and whether it is a fragment file.
type flowFile struct {
	path     string
	fragment bool
}

// flowFiles lists the files an argument names: the file itself, or a directory's
// .yaml files, those under a sites/ directory being fragment files.
func flowFiles(arg string) ([]flowFile, error) {
	info, err := os.Stat(arg)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return []flowFile{{path: arg, fragment: filepath.Base(filepath.Dir(arg)) == "sites"}}, nil
	}
	var files []flowFile
	err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != arg && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if d.IsDir() || (filepath.Ext(p) != ".yaml" && filepath.Ext(p) != ".yml") {
			return nil
		}
		rel, _ := filepath.Rel(arg, p)
		parts := strings.Split(filepath.ToSlash(filepath.Dir(rel)), "/")
		files = append(files, flowFile{path: p, fragment: slices.Contains(parts, "sites")})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no .yaml files", arg)
	}
	return files, nil
}

// validateFile checks one file and prints its verdict; false when it is invalid.
func validateFile(env *Env, file flowFile) bool {
	var err error
	var summary string
	if file.fragment {
		var frags map[string]*flow.Fragment
		if frags, err = flow.ParseFragmentsFile(file.path); err == nil {
			summary = plural(len(frags), "fragment")
		}
	} else {
		var f *flow.Flow
		if f, err = flow.ParseFile(file.path); err == nil {
			summary = plural(len(f.Steps), "step")
		}
	}
	if err == nil {
		fmt.Fprintf(env.Stdout, "ok %s (%s)\n", file.path, summary)
		return true
	}
	var list flow.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Fprintln(env.Stderr, e)
		}
	} else {
		fmt.Fprintln(env.Stderr, err)
	}
	return false
}

// plural writes "1 step" or "3 steps".
func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
