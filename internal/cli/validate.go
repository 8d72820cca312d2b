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
	"github.com/enroll-dev/enroll/guide"
)

const validateUsage = `Usage: enroll validate [--guides DIR] FLOW|DIR...

Checks flow files without running them: the format, every action's fields, imports,
fragments and ${references}. A DIR means every .yaml file in it and below; files in a
sites/ directory are fragment files and are checked as such.

When it finds a flow's written guide (guide.source: in --guides DIR, else in guides/
beside the flow's folder, then in ./guides), it also checks that the guide quotes
every label the flow looks for on the screen, unless the flow marks its target
off-guide: why.

Prints "ok FILE (N steps)" for each valid file on stdout ("N steps, M labels in
guide G" when checked against its guide) and every problem as file:line:col: message
on stderr. Exits 2 when any file is invalid (or --guides lacks a flow's guide), 1 when
the files are valid but a flow looks for a label its guide does not quote.

Flags:
  --guides DIR   the folder of the written guides
Run 'enroll help steps' for the actions a flow may use.`

// runValidate is `enroll validate`: the flow checker, with no browser.
func runValidate(ctx context.Context, env *Env, args []string) error {
	fl := flag.NewFlagSet("enroll validate", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	fl.Usage = func() { fmt.Fprintln(env.Stderr, validateUsage) }
	guides := fl.String("guides", "", "the folder of the written guides (default: guides/ beside the flow's folder, then ./guides)")
	args, err := parseArgs(fl, args)
	switch {
	case errors.Is(err, errHelp):
		return nil
	case err != nil:
		return err
	case len(args) == 0:
		fl.Usage()
		return usagef("want at least one flow file or directory")
	}
	invalid, drifted := false, false
	for _, arg := range args {
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
			switch validateFile(env, file, *guides) {
			case fileInvalid:
				invalid = true
			case fileDrifted:
				drifted = true
			}
		}
	}
	switch {
	case invalid:
		return &UsageError{Err: errFailed}
	case drifted:
		return errFailed
	}
	return nil
}

// fileVerdict is what validate found in one file.
type fileVerdict int

const (
	fileOK      fileVerdict = iota
	fileInvalid             // not a valid flow or fragment file
	fileDrifted             // valid, but it looks for labels its guide does not quote
)

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

// validateFile checks one file, a flow against its guide when it finds it (in guides
// when given), and prints its verdict.
func validateFile(env *Env, file flowFile, guides string) fileVerdict {
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
			path, src, note := findGuide(f, guides)
			switch {
			case note != "" && guides != "":
				fmt.Fprintf(env.Stderr, "%s: %s\n", f.Pos, note)
				return fileInvalid
			case note == "":
				labels := f.GuideLabels()
				words := guide.ReadWords(src)
				drifted := false
				for _, l := range labels {
					if !words.Quotes(l.Text) {
						fmt.Fprintf(env.Stderr, "%s: %s %q is not in guide %s; quote the guide's label, or mark the target `off-guide: why`\n",
							l.Pos, l.Kind, l.Text, path)
						drifted = true
					}
				}
				if drifted {
					return fileDrifted
				}
				summary += fmt.Sprintf(", %s in guide %s", plural(len(labels), "label"), path)
			}
		}
	}
	if err == nil {
		fmt.Fprintf(env.Stdout, "ok %s (%s)\n", file.path, summary)
		return fileOK
	}
	var list flow.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Fprintln(env.Stderr, e)
		}
	} else {
		fmt.Fprintln(env.Stderr, err)
	}
	return fileInvalid
}

// plural writes "1 step" or "3 steps".
func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
