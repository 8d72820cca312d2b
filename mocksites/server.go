package mocksites

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"
)

// ErrUnknownSite is returned (wrapped, with the name) by Start and Handler for a name
// that is not a bundled site.
var ErrUnknownSite = errors.New("unknown mock site")

func unknownSite(name string) error {
	return fmt.Errorf("%w %q (bundled: %s)", ErrUnknownSite, name, strings.Join(Names(), ", "))
}

// closeGrace is how long Close lets requests in flight finish before cutting them.
const closeGrace = 5 * time.Second

// Server is a bundled mock site serving on a loopback port, like an httptest.Server.
type Server struct {
	// Site is the site's description (name, title, seeded account, skew).
	Site Site
	// Accounts are the seeded test accounts (Options.Accounts of them, at least one),
	// Site.Account first.
	Accounts []Account
	// URL is the base URL, "http://127.0.0.1:PORT", without a trailing slash.
	URL string

	srv      *http.Server
	now      func() time.Time
	log      *slog.Logger
	done     chan struct{} // closed when Serve has returned
	serveErr error         // what Serve returned; read after done is closed
}

// Start serves the bundled site called name on 127.0.0.1 on a free port. It fails on an
// unknown site or defect name, or when no port can be opened. Close stops it.
func Start(name string, opts Options) (*Server, error) {
	e, ok := registry[name]
	if !ok {
		return nil, unknownSite(name)
	}
	h, err := e.new(opts)
	if err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{
		Site:     e.site,
		Accounts: e.site.Seeded(opts.Accounts),
		log:      log,
		URL:      "http://" + ln.Addr().String(),
		srv:      &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second},
		done:     make(chan struct{}),
	}
	if c, ok := h.(interface{ Now() time.Time }); ok {
		s.now = c.Now
	} else if opts.Clock != nil {
		s.now = opts.Clock.Now
	} else {
		s.now = time.Now
	}
	go func() {
		s.serveErr = s.srv.Serve(ln)
		close(s.done)
	}()
	return s, nil
}

// Now returns the site's time: its clock plus any offset set through /_mock/clock.
// The runner computes codes at this time.
func (s *Server) Now() time.Time { return s.now() }

// Close stops the server and blocks until it has, like httptest.Server.Close: requests
// in flight get a few seconds to finish, then their connections are cut. A failure to
// shut down cleanly is logged to Options.Logger. It is safe to call more than once.
func (s *Server) Close() {
	ctx, cancel := context.WithTimeout(context.Background(), closeGrace)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	if err != nil {
		err = errors.Join(err, s.srv.Close())
	}
	<-s.done
	if !errors.Is(s.serveErr, http.ErrServerClosed) {
		err = errors.Join(err, s.serveErr)
	}
	if err != nil {
		s.log.Error("close", "site", s.Site.Name, "err", err)
	}
}
