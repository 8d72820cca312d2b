package flow

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ParseFile reads the flow file at path on disk and the fragment files it imports.
// Problems in the files are returned together as an ErrorList; a file that cannot be
// read at all is returned as that error, wrapped.
func ParseFile(path string) (*Flow, error) {
	fsys, name, display := dirFS(path)
	return newParser(fsys, display).flow(name)
}

// Parse reads the flow file name in fsys and the fragment files it imports, which are
// resolved relative to name inside fsys. Errors name files as they are named in fsys.
func Parse(fsys fs.FS, name string) (*Flow, error) {
	return newParser(fsys, func(n string) string { return n }).flow(name)
}

// ParseFragmentsFile reads the fragment file at path on disk (flows/sites/*.yaml) and
// the files it imports, and returns their fragments by name.
func ParseFragmentsFile(path string) (map[string]*Fragment, error) {
	fsys, name, display := dirFS(path)
	return newParser(fsys, display).fragments(name)
}

// ParseFragments reads the fragment file name in fsys and the files it imports, and
// returns their fragments by name. References to values are checked where a flow
// uses the fragments; here only what a fragment file alone decides is checked.
func ParseFragments(fsys fs.FS, name string) (map[string]*Fragment, error) {
	return newParser(fsys, func(n string) string { return n }).fragments(name)
}

// dirFS opens the directory of path as a file system, so imports resolve beside it,
// and names files in errors as the caller wrote path.
func dirFS(p string) (fs.FS, string, func(string) string) {
	dir := filepath.Dir(p)
	display := func(n string) string { return filepath.Join(dir, filepath.FromSlash(n)) }
	return os.DirFS(dir), filepath.Base(p), display
}

// parser reads one flow or fragment file and every file it imports.
type parser struct {
	fsys    fs.FS
	display func(string) string
	errs    ErrorList
	files   map[string]*fragmentFile // fragment files read so far, by name in fsys
	loading []string                 // the chain of imports being read, for cycles
}

// fragmentFile is what an imported file contributes: its fragments and those of its
// own imports.
type fragmentFile struct {
	fragments []*Fragment
}

func newParser(fsys fs.FS, display func(string) string) *parser {
	return &parser{fsys: fsys, display: display, files: map[string]*fragmentFile{}}
}

// read reads and decodes one file. It returns the root mapping, or nil after
// recording why there is none.
func (p *parser) read(name string) (*decoder, *yaml.Node, error) {
	src, err := fs.ReadFile(p.fsys, name)
	if err != nil {
		return nil, nil, err
	}
	d := &decoder{file: p.display(name), lines: splitLines(string(src)), errs: &p.errs}
	return d, d.root(src), nil
}

// yamlLineRE picks the line out of a yaml.v3 syntax error.
var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// root decodes the file's single YAML document and returns its top-level mapping.
func (d *decoder) root(src []byte) (root *yaml.Node) {
	if line, col, msg, bad := badByte(src); bad {
		d.errorf(d.clamp(Pos{Line: line, Col: col}), "%s", msg)
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	err := decodeSafely(dec, &doc)
	if errors.Is(err, io.EOF) {
		d.errorf(d.clamp(Pos{}), "empty file; a flow file starts with `enroll: %d`", Version)
		return nil
	}
	if err != nil {
		d.yamlError(err)
		return nil
	}
	var extra yaml.Node
	if err := decodeSafely(dec, &extra); err == nil {
		d.nodeErrorf(&extra, "a second YAML document (after ---); a flow file holds one")
	} else if !errors.Is(err, io.EOF) {
		d.yamlError(err)
	}
	d.rejectAliases(&doc)
	if len(doc.Content) == 0 {
		d.errorf(d.clamp(Pos{}), "empty file; a flow file starts with `enroll: %d`", Version)
		return nil
	}
	n := doc.Content[0]
	if n.Kind != yaml.MappingNode {
		d.nodeErrorf(n, "a flow file must be a mapping starting with `enroll: %d`, not %s", Version, describeNode(n))
		return nil
	}
	return n
}

// decodeSafely decodes the next document, turning a panic inside the YAML library
// into an error: no panic reaches a user.
func decodeSafely(dec *yaml.Decoder, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: %v", r)
		}
	}()
	return dec.Decode(n)
}

// yamlError records a YAML syntax error at the line it names.
func (d *decoder) yamlError(err error) {
	msg := err.Error()
	line := 1
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
		if p, text, ok := d.bracketProblem(msg); ok {
			d.errorf(p, "%s", text)
			return
		}
		if p, text, ok := d.quoteProblem(msg, line); ok {
			d.errorf(p, "%s", text)
			return
		}
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	d.errorf(d.clamp(Pos{Line: line, Col: 1}), "invalid YAML: %s", msg)
}

// rejectAliases reports every alias (*name): the format has no use for them, and
// walking them could repeat a subtree exponentially.
func (d *decoder) rejectAliases(n *yaml.Node) {
	if n.Kind == yaml.AliasNode {
		d.nodeErrorf(n, "aliases (*%s) are not supported; write the value out", n.Value)
		return
	}
	for _, c := range n.Content {
		d.rejectAliases(c)
	}
}

// skip reports whether n is an alias, already reported by rejectAliases.
func skip(n *yaml.Node) bool { return n.Kind == yaml.AliasNode }

// fragmentFile reads an imported fragment file once, with its own imports.
func (p *parser) fragmentFile(name string) (*fragmentFile, error) {
	if ff, ok := p.files[name]; ok {
		return ff, nil
	}
	d, root, err := p.read(name)
	if err != nil {
		return nil, err
	}
	ff := &fragmentFile{}
	p.files[name] = ff
	if root == nil {
		return ff, nil
	}
	fields := d.fields(root, fragmentFileFields, "a fragment file")
	if !d.version(fields) {
		return ff, nil
	}
	ff.fragments = append(ff.fragments, p.imports(d, fields.get("import"), name)...)
	ff.fragments = append(ff.fragments, d.fragmentList(fields.get("fragments"))...)
	return ff, nil
}

// version checks the enroll: key; false means the file is not of this version and
// its other keys are not worth reporting on.
func (d *decoder) version(fs *fieldSet) bool {
	v := fs.get("enroll")
	if !v.ok || v.num == Version {
		return true
	}
	d.errorf(v.pos, "unsupported version %d; this enroll reads version %d", v.num, Version)
	return false
}

// imports reads the files listed under import:, relative to the file from, and
// returns every fragment they define.
func (p *parser) imports(d *decoder, v *fieldValue, from string) []*Fragment {
	if v.node == nil || isNull(v.node) || skip(v.node) {
		return nil
	}
	items := []*yaml.Node{v.node}
	if v.node.Kind == yaml.SequenceNode {
		items = v.node.Content
	}
	var frags []*Fragment
	seen := map[string]bool{}
	for _, it := range items {
		if skip(it) {
			continue
		}
		if it.Kind != yaml.ScalarNode || isNull(it) || strings.TrimSpace(it.Value) == "" {
			d.nodeErrorf(it, "import must list file names, not %s", describeNode(it))
			continue
		}
		rel := it.Value
		target := path.Join(path.Dir(from), rel)
		if path.IsAbs(rel) || strings.Contains(rel, `\`) || !fs.ValidPath(target) {
			d.nodeErrorf(it, "import %q must be a path relative to this file, inside its directory, with / separators", rel)
			continue
		}
		if seen[target] {
			d.nodeErrorf(it, "%q is imported twice", rel)
			continue
		}
		seen[target] = true
		if i := indexOf(p.loading, target); i >= 0 {
			chain := append(append([]string(nil), p.loading[i:]...), target)
			for j := range chain {
				chain[j] = p.display(chain[j])
			}
			d.nodeErrorf(it, "import cycle: %s", strings.Join(chain, " -> "))
			continue
		}
		p.loading = append(p.loading, target)
		ff, err := p.fragmentFile(target)
		p.loading = p.loading[:len(p.loading)-1]
		switch {
		case errors.Is(err, fs.ErrNotExist) && p.display(target) == rel:
			d.nodeErrorf(it, "import %q: no such file", rel)
		case errors.Is(err, fs.ErrNotExist):
			d.nodeErrorf(it, "import %q: no such file (looked for %s)", rel, p.display(target))
		case err != nil:
			d.nodeErrorf(it, "import %q: %v", rel, err)
		default:
			frags = append(frags, ff.fragments...)
		}
	}
	return frags
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// fragmentList decodes the fragments: mapping, name to action list.
func (d *decoder) fragmentList(v *fieldValue) []*Fragment {
	n := v.node
	if n == nil || isNull(n) || skip(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		d.nodeErrorf(n, "fragments must be a mapping of names to action lists, not %s", describeNode(n))
		return nil
	}
	var frags []*Fragment
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, body := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || !nameRE.MatchString(k.Value) {
			d.nodeErrorf(k, "invalid fragment name %s: use letters, digits, - and _, starting with a letter", describeNode(k))
			continue
		}
		f := &Fragment{Pos: d.pos(k), Name: k.Value, Actions: d.actions(body, "fragment "+strconv.Quote(k.Value))}
		if len(f.Actions) == 0 && (isNull(body) || (body.Kind == yaml.SequenceNode && len(body.Content) == 0)) {
			d.nodeErrorf(k, "fragment %q has no actions", k.Value)
		}
		frags = append(frags, f)
	}
	return frags
}

// actions decodes a list of actions (a step's do: or a fragment's body).
func (d *decoder) actions(n *yaml.Node, what string) []Action {
	if isNull(n) || skip(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.nodeErrorf(n, "%s must be a list of actions, each starting with -, not %s", what, describeNode(n))
		return nil
	}
	var list []Action
	for _, item := range n.Content {
		if skip(item) {
			continue
		}
		if a := d.action(item); a != nil {
			list = append(list, a)
		}
	}
	return list
}

// mergeFragments adds frags to the flow's table, reporting a name defined twice.
func (d *decoder) mergeFragments(into map[string]*Fragment, frags []*Fragment) {
	for _, f := range frags {
		prev, dup := into[f.Name]
		switch {
		case !dup:
			into[f.Name] = f
		case prev.Pos != f.Pos:
			*d.errs = append(*d.errs, &Error{Pos: f.Pos, Msg: fmt.Sprintf("fragment %q is already defined at %s", f.Name, prev.Pos)})
		}
	}
}

// sortStrings sorts names in place.
func sortStrings(names []string) { slices.Sort(names) }
