package mocksites_test

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/enroll-dev/enroll/mocksites"
	"github.com/enroll-dev/enroll/mocksites/kit"
	"github.com/enroll-dev/enroll/mocksites/kit/kittest"
)

func TestRegistry(t *testing.T) {
	t.Parallel()
	sites := mocksites.Sites()
	if len(sites) == 0 || !slices.IsSortedFunc(sites, func(a, b mocksites.Site) int { return strings.Compare(a.Name, b.Name) }) {
		t.Fatalf("sites: %v", mocksites.Names())
	}
	for _, s := range sites {
		got, ok := mocksites.Lookup(s.Name)
		if !ok || got.Name != s.Name || s.Title == "" || s.Account.Email == "" || s.Account.Password == "" || s.Account.Phone == "" || s.Skew != 1 {
			t.Errorf("site %q: %+v", s.Name, got)
		}
	}
	if _, ok := mocksites.Lookup("nosuchsite"); ok {
		t.Error("found nosuchsite")
	}
	if _, err := mocksites.Start("nosuchsite", mocksites.Options{}); !errors.Is(err, mocksites.ErrUnknownSite) {
		t.Errorf("start nosuchsite: %v", err)
	}
	if _, err := mocksites.Start("20i", mocksites.Options{Defects: []string{"nope"}}); !errors.Is(err, kit.ErrUnknownDefect) {
		t.Errorf("unknown defect: %v", err)
	}
}

func TestServer(t *testing.T) {
	t.Parallel()
	for _, s := range mocksites.Sites() {
		t.Run(s.Name, func(t *testing.T) {
			t.Parallel()
			t0 := time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)
			srv, err := mocksites.Start(s.Name, mocksites.Options{Clock: kit.NewFixedClock(t0), Control: true})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") || srv.Site.Name != s.Name {
				t.Fatalf("server %s at %s", srv.Site.Name, srv.URL)
			}
			c := kittest.NewClient(t, srv.URL)
			if p := c.Get("/"); p.Status != http.StatusOK {
				t.Fatalf("GET /: status %d", p.Status)
			}
			kittest.ControlPost[kit.ClockState](c, "clock", `{"advance":"90s"}`)
			if got := srv.Now(); !got.Equal(t0.Add(90 * time.Second)) {
				t.Fatalf("Now() = %v after the control clock moved", got)
			}
			srv.Close()
			srv.Close() // twice is fine
			if _, err := http.Get(srv.URL); err == nil {
				t.Fatal("still serving after Close")
			}
		})
	}
}
