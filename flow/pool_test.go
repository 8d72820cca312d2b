package flow

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// TestParsePool reads the two forms of a pool, and each bad pool with its exact
// messages, none of which quotes a password.
func TestParsePool(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, file, src string
		want            string // the accounts: email/phone at line:col, or the errors
	}{
		{name: "csv", file: "p.csv", src: "# staging\nemail,password,phone\nqa1@x.example,pw-1,+4477001\nqa2@x.example,\"pw,2\"\n",
			want: "qa1@x.example/+4477001 at 3:1, qa2@x.example/ at 4:1"},
		{name: "env", file: "$POOL", src: "qa1@x.example,pw-1\n", want: "qa1@x.example/ at 1:1"},
		{name: "yaml", file: "p.yaml", src: "accounts:\n  - email: qa1@x.example\n    password: pw-1\n    phone: \"+4477001\"\n  - { email: qa2@x.example, password: pw-2 }\n",
			want: "qa1@x.example/+4477001 at 2:5, qa2@x.example/ at 5:5"},
		{name: "csv fields", file: "p.csv", src: "qa1@x.example\nqa2@x.example,pw-2,+1,extra\n",
			want: "p.csv:1:1: an account line is email,password or email,password,phone, not 1 fields\n" +
				"p.csv:2:1: an account line is email,password or email,password,phone, not 4 fields"},
		{name: "csv empty values", file: "p.csv", src: ",pw-1\nqa2@x.example,\n",
			want: "p.csv:1:1: the account's email is empty\np.csv:2:15: the password of qa2@x.example is empty"},
		{name: "csv repeat", file: "p.csv", src: "qa1@x.example,pw-1\nQA1@x.example,pw-2\n",
			want: "p.csv:2:1: QA1@x.example is already in the pool at line 1; a pool lists each account once"},
		{name: "csv quote", file: "p.csv", src: "qa1@x.example,pw\"1\n", want: "p.csv:1:17: bare \" in non-quoted-field"},
		{name: "empty", file: "p.csv", src: "# nothing yet\n", want: "p.csv:1:1: the pool lists no accounts"},
		{name: "yaml missing", file: "p.yaml", src: "accounts:\n  - email: qa1@x.example\n  - password: pw-2\n    pasword: x\n",
			want: "p.yaml:2:5: an account needs password\n" +
				"p.yaml:3:5: an account needs email\n" +
				"p.yaml:4:5: unknown key \"pasword\" in an account (did you mean \"password\"?); known keys: email, password, phone"},
		{name: "yaml shape", file: "p.yml", src: "- qa1@x.example\n", want: "p.yml:1:1: a pool file is a mapping with `accounts:` listing accounts, not a list"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p, err := ParsePool(tc.file, []byte(tc.src))
			got := ""
			if err != nil {
				var list ErrorList
				if !errors.As(err, &list) {
					t.Fatalf("err = %v, want an ErrorList", err)
				}
				got = list.Error()
			} else {
				var out []string
				for _, a := range p.Accounts {
					out = append(out, fmt.Sprintf("%s/%s at %d:%d", a.Email, a.Phone, a.Pos.Line, a.Pos.Col))
				}
				got = strings.Join(out, ", ")
			}
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
			if strings.Contains(got, "pw") {
				t.Error("a password is in the result")
			}
		})
	}
}

// TestFlowPool: a flow names a pool file beside it or an environment variable, never
// with an account's own values; the pool file's problems are at its own positions.
func TestFlowPool(t *testing.T) {
	t.Parallel()
	head := "enroll: 1\nguide: { title: T, source: s.txt }\nsite: 20i\n"
	tail := "steps:\n  - step: S\n    do: [open: /]\n"
	fsys := fstest.MapFS{
		"f/ok.yaml":       {Data: []byte(head + "account: { pool: pools/20i.csv }\n" + tail)},
		"f/env.yaml":      {Data: []byte(head + "account: { pool-env: ENROLL_20I_POOL }\n" + tail)},
		"f/both.yaml":     {Data: []byte(head + "account: { pool: pools/20i.csv, email: a@x.example }\n" + tail)},
		"f/badenv.yaml":   {Data: []byte(head + "account: { pool-env: 20i pool }\n" + tail)},
		"f/missing.yaml":  {Data: []byte(head + "account: { pool: nope.csv }\n" + tail)},
		"f/badpool.yaml":  {Data: []byte(head + "account: { pool: pools/bad.csv }\n" + tail)},
		"f/pools/20i.csv": {Data: []byte("qa1@x.example,pw-1\nqa2@x.example,pw-2\n")},
		"f/pools/bad.csv": {Data: []byte("qa1@x.example\n")},
	}
	f, err := Parse(fsys, "f/ok.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if ps := f.Account.Pool; ps == nil || ps.File == nil || len(ps.File.Accounts) != 2 || ps.File.Name != "f/pools/20i.csv" || ps.Pos.Line != 4 {
		t.Errorf("pool = %+v", ps)
	}
	if f, err = Parse(fsys, "f/env.yaml"); err != nil || f.Account.Pool.Env != "ENROLL_20I_POOL" {
		t.Errorf("pool-env: %v, %+v", err, f)
	}
	for name, want := range map[string]string{
		"both":    "f/both.yaml:4:10: account has email, password and phone, or a pool (pool or pool-env), not both",
		"badenv":  "f/badenv.yaml:4:22: pool-env must be an environment variable's name (letters, digits and _), not \"20i pool\"",
		"missing": "f/missing.yaml:4:18: pool file nope.csv: file does not exist (a pool file is relative to the flow file; for one elsewhere use pool-env or enroll run --accounts)",
		"badpool": "f/pools/bad.csv:1:1: an account line is email,password or email,password,phone, not 1 fields",
	} {
		_, err := Parse(fsys, "f/"+name+".yaml")
		if err == nil || err.Error() != want {
			t.Errorf("%s: err = %v\nwant %s", name, err, want)
		}
	}
}

// TestPoolShard: shards take every n-th account, disjoint and together the whole
// pool.
func TestPoolShard(t *testing.T) {
	t.Parallel()
	p, err := ParsePool("p.csv", []byte("a@x,1\nb@x,2\nc@x,3\nd@x,4\ne@x,5\n"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i := 1; i <= 2; i++ {
		s, err := p.Shard(i, 2)
		if err != nil {
			t.Fatal(err)
		}
		var emails []string
		for _, a := range s.Accounts {
			emails = append(emails, a.Email[:1])
		}
		got = append(got, s.Name+": "+strings.Join(emails, ""))
	}
	if want := "p.csv (shard 1/2): ace, p.csv (shard 2/2): bd"; strings.Join(got, ", ") != want {
		t.Errorf("shards = %s, want %s", strings.Join(got, ", "), want)
	}
	if _, err := p.Shard(6, 6); err == nil || err.Error() != "account pool p.csv has 5 accounts, too few for 6 shards: each shard needs one of its own" {
		t.Errorf("too many shards: %v", err)
	}
}
