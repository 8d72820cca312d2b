package flow

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"github.com/enroll-dev/enroll/redact"
)

// Pool is a list of test accounts of one site, of which every flow run leases one
// (package runner), so that flows running at once never sign in to the same account.
// A pool is a file or an environment variable, in one of two forms. A file whose name
// ends in .yaml or .yml is YAML:
//
//	accounts:
//	  - email: qa1@example.com
//	    password: Correct-Horse-1
//	    phone: "+447700900101"
//	  - { email: qa2@example.com, password: Correct-Horse-2 }
//
// Anything else (a .csv file, an environment variable) is CSV lines, one account a
// line, email, password and an optional phone; lines starting with # and a first line
// "email,password,phone" are skipped:
//
//	qa1@example.com,Correct-Horse-1,+447700900101
//	qa2@example.com,Correct-Horse-2
//
// Emails are unique (ignoring case). Passwords are secret: they print as REDACTED and
// no error quotes them.
type Pool struct {
	// Name says where the pool comes from, as errors and messages show it: the file as
	// given, or $NAME for an environment variable.
	Name     string
	Accounts []PoolAccount
}

// PoolAccount is one account of a pool.
type PoolAccount struct {
	Pos      Pos // where it is written
	Email    string
	Password redact.Text
	Phone    string // empty when the pool gives none
}

// PoolSource says where a flow's account pool is (`account: { pool: FILE }` or
// `account: { pool-env: NAME }`); the account's email, password and phone are empty
// then.
type PoolSource struct {
	Pos Pos // where the flow names the pool
	// Path is the pool file as the flow names it, relative to the flow file.
	Path string
	// File is the pool file's accounts, read with the flow.
	File *Pool
	// Env is the environment variable that holds the pool, read when the flow runs.
	Env string
}

// poolFields are the keys of one account in a YAML pool file.
var poolFields = []Field{
	{Name: "email", Type: TypeString, Required: true, Doc: "the sign-in email"},
	{Name: "password", Type: TypeString, Required: true, Doc: "the sign-in password, always secret"},
	{Name: "phone", Type: TypeString, Doc: "the phone number for SMS codes"},
}

// envNameRE is the syntax of an environment variable's name.
var envNameRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// ParsePoolFile reads the pool file at path on disk. Problems are returned together as
// an ErrorList; a file that cannot be read is returned as that error.
func ParsePoolFile(p string) (*Pool, error) {
	fsys, name, display := dirFS(p)
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	return ParsePool(display(name), src)
}

// ParsePool decodes a pool's text; name is what errors and messages call it: a file
// name (YAML when it ends in .yaml or .yml, else CSV lines) or $NAME for an
// environment variable (CSV lines). Problems are returned together as an ErrorList.
func ParsePool(name string, src []byte) (*Pool, error) {
	var errs ErrorList
	d := &decoder{file: name, lines: splitLines(string(src)), errs: &errs}
	p := &Pool{Name: name}
	if line, col, msg, bad := badByte(src); bad {
		d.errorf(d.clamp(Pos{Line: line, Col: col}), "%s", msg)
		return nil, errs
	}
	if strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml") {
		p.Accounts = d.poolYAML(src)
	} else {
		p.Accounts = d.poolCSV(src)
	}
	if len(errs) == 0 && len(p.Accounts) == 0 {
		d.errorf(d.clamp(Pos{}), "the pool lists no accounts")
	}
	if len(errs) > 0 {
		return nil, errs.sortDedup()
	}
	return p, nil
}

// poolYAML decodes a YAML pool: a mapping whose one key, accounts, lists them.
func (d *decoder) poolYAML(src []byte) []PoolAccount {
	var out []PoolAccount
	seen := map[string]Pos{}
	for _, as := range d.listFile(src, "accounts", "a pool file", "an account", "accounts", poolFields) {
		if !as.get("email").ok || !as.get("password").ok || (as.has("phone") && !as.get("phone").ok) {
			continue
		}
		a := PoolAccount{Pos: as.at, Email: strings.TrimSpace(as.get("email").str),
			Password: redact.Text(as.get("password").str), Phone: strings.TrimSpace(as.get("phone").str)}
		if d.uniqueEmail(seen, a) {
			out = append(out, a)
		}
	}
	return out
}

// poolCSV decodes CSV lines: email, password and an optional phone.
func (d *decoder) poolCSV(src []byte) []PoolAccount {
	r := csv.NewReader(bytes.NewReader(src))
	r.Comment = '#'
	r.FieldsPerRecord = -1
	var out []PoolAccount
	seen := map[string]Pos{}
	for first := true; ; first = false {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			// The reader's own words (a stray quote, ...), never the field's text.
			d.errorf(d.clamp(Pos{Line: pe.Line, Col: pe.Column}), "%v", pe.Err)
			return out
		} else if err != nil {
			d.errorf(d.clamp(Pos{}), "%v", err)
			return out
		}
		line, col := r.FieldPos(0)
		at := d.clamp(Pos{Line: line, Col: col})
		if first && len(rec) >= 2 && strings.EqualFold(strings.TrimSpace(rec[0]), "email") && strings.EqualFold(strings.TrimSpace(rec[1]), "password") {
			continue // the header line
		}
		if len(rec) < 2 || len(rec) > 3 {
			d.errorf(at, "an account line is email,password or email,password,phone, not %d fields", len(rec))
			continue
		}
		a := PoolAccount{Pos: at, Email: strings.TrimSpace(rec[0]), Password: redact.Text(rec[1])}
		if len(rec) == 3 {
			a.Phone = strings.TrimSpace(rec[2])
		}
		switch {
		case a.Email == "":
			d.errorf(at, "the account's email is empty")
		case rec[1] == "":
			line, col := r.FieldPos(1)
			d.errorf(d.clamp(Pos{Line: line, Col: col}), "the password of %s is empty", a.Email)
		case d.uniqueEmail(seen, a):
			out = append(out, a)
		}
	}
}

// uniqueEmail reports whether a's email is new to the pool, recording it; a repeat is
// reported where it is written.
func (d *decoder) uniqueEmail(seen map[string]Pos, a PoolAccount) bool {
	key := strings.ToLower(a.Email)
	if prev, dup := seen[key]; dup {
		d.errorf(a.Pos, "%s is already in the pool at line %d; a pool lists each account once", a.Email, prev.Line)
		return false
	}
	seen[key] = a.Pos
	return true
}

// Shard returns the i-th (1-based) of n disjoint slices of the pool, for a run that
// is part i of n (--shard i/n) on another machine than the other parts: the accounts
// at positions i, i+n, i+2n, ... in the pool's order. Every part gets at least one
// account, or Shard fails.
func (p *Pool) Shard(i, n int) (*Pool, error) {
	if n <= 1 {
		return p, nil
	}
	if i < 1 || i > n {
		return nil, fmt.Errorf("shard %d/%d: want 1 <= i <= n", i, n)
	}
	out := &Pool{Name: fmt.Sprintf("%s (shard %d/%d)", p.Name, i, n)}
	for k := i - 1; k < len(p.Accounts); k += n {
		out.Accounts = append(out.Accounts, p.Accounts[k])
	}
	if len(out.Accounts) == 0 {
		return nil, fmt.Errorf("account pool %s has %d accounts, too few for %d shards: each shard needs one of its own", p.Name, len(p.Accounts), n)
	}
	return out, nil
}

// pool reads the pool file file, named by the flow file from relative to it, through
// the parser's file system; a file that cannot be read is reported at the flow's
// pool: (at).
func (p *parser) pool(from, file string, at Pos) *Pool {
	name := path.Join(path.Dir(from), file)
	src, err := fs.ReadFile(p.fsys, name)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		p.errs = append(p.errs, &Error{Pos: at, Msg: fmt.Sprintf("pool file %s: %v (a pool file is relative to the flow file; for one elsewhere use pool-env or enroll run --accounts)", file, err)})
		return nil
	}
	pool, err := ParsePool(p.display(name), src)
	var list ErrorList
	if errors.As(err, &list) {
		p.errs = append(p.errs, list...)
	}
	return pool
}
