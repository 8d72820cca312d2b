package mocksites

import (
	"net/http"
	"sort"

	"github.com/enroll-dev/enroll/mocksites/kit"
	"github.com/enroll-dev/enroll/mocksites/leaseweb"
	"github.com/enroll-dev/enroll/mocksites/myaccount"
	"github.com/enroll-dev/enroll/mocksites/onepassword"
	"github.com/enroll-dev/enroll/mocksites/twentyi"
)

// Site describes a bundled mock site: Name, Title, the seeded Account and the declared
// Skew. It is kit.Site.
type Site = kit.Site

// Account is a mock site's seeded test account. It is kit.Account.
type Account = kit.Account

// Options configure a started site. It is kit.Options: Clock, Control, Defects, Rand,
// Logger, each with a documented zero value.
type Options = kit.Options

// entry is one registered site: its description and its handler constructor.
type entry struct {
	site Site
	new  func(kit.Options) (http.Handler, error)
}

// registry lists the bundled sites by name. A new site adds one line here.
var registry = map[string]entry{
	twentyi.Site.Name:      {twentyi.Site, twentyi.New},
	onepassword.Site.Name:  {onepassword.Site, onepassword.New},
	myaccount.Site.Name:    {myaccount.Site, myaccount.New},
	myaccount.AckSite.Name: {myaccount.AckSite, myaccount.NewAck},
	leaseweb.Site.Name:     {leaseweb.Site, leaseweb.New},
}

// Lookup returns the bundled site called name ("20i", "leaseweb", "myaccount",
// "1password").
func Lookup(name string) (Site, bool) {
	e, ok := registry[name]
	return e.site, ok
}

// Sites returns every bundled site, sorted by name.
func Sites() []Site {
	out := make([]Site, 0, len(registry))
	for _, e := range registry {
		out = append(out, e.site)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Names returns the names of the bundled sites, sorted.
func Names() []string {
	sites := Sites()
	out := make([]string, len(sites))
	for i, s := range sites {
		out[i] = s.Name
	}
	return out
}

// Handler returns the handler of the bundled site called name, for callers that serve
// it themselves (httptest, a bigger mux). Start is the usual way in.
func Handler(name string, opts Options) (http.Handler, error) {
	e, ok := registry[name]
	if !ok {
		return nil, unknownSite(name)
	}
	return e.new(opts)
}
