package browser

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/chromedp/chromedp"
)

// Options configure Launch. The zero value runs a headless Chromium found
// by FindChrome and logs nothing.
type Options struct {
	// BrowserURL, when set, connects to a Chromium that runs already (a
	// DevTools endpoint: ws://host:port/devtools/browser/..., or
	// http://host:port, resolved through /json/version) instead of starting
	// one (remote.go). ExecPath and Headful then do not apply.
	BrowserURL string
	ExecPath   string              // "" = FindChrome
	Headful    bool                // a visible window (needs a display)
	Logger     *slog.Logger        // nil = discard
	Getenv     func(string) string // nil = os.Getenv
	// Sessions, when known, is how many sessions the browser will be asked
	// for in all (NewSession calls): it then opens none ahead beyond that
	// number (spare.go). 0 means not known: one is always kept ahead.
	Sessions int
}

// Browser is one running Chromium with a temporary profile that it owns.
// Open a Session per flow; sessions are isolated from one another and safe
// to use from different goroutines (one goroutine per session).
type Browser struct {
	log      *slog.Logger
	execPath string
	dir      string // --user-data-dir, removed by Close
	pid      int

	ctx         context.Context // chromedp browser context
	cancel      context.CancelFunc
	allocCancel context.CancelFunc
	stopAfter   func() bool

	closeOnce sync.Once
	closeErr  error

	remote bool // connected to a browser that runs elsewhere: Close leaves it running

	spareMu sync.Mutex
	spare   chan spareResult // the session being opened ahead (spare.go)
	budget  int              // Options.Sessions: 0 = no limit
	asked   int              // NewSession calls so far
	closing bool
	spareWG sync.WaitGroup
}

// disabledFeatures are the Chromium features a headless run does without:
// chromedp's two, and the browser UI that costs a renderer and a page load per
// window and that no page sees (the omnibox popups, which headless Chromium
// 156 preloads in every window: two WebUI pages a session), and background
// requests to Google's services (as Playwright turns them off). And the spare
// renderer: after every navigation Chromium starts a renderer process ahead for the
// next one, bound to the browser context, so with a context per session nearly
// every spare is thrown away unused (enroll conform flows/20i.yaml started 127
// renderers with it and 23 without, for 8% less CPU).
const disabledFeatures = "Translate,BlinkGenPropertyTrees," +
	"WebUIOmniboxPopup,WebUIOmniboxAimPopup,AimEnabled," +
	"OptimizationHints,MediaRouter,NetworkTimeServiceQuerying,PreconnectToSearch," +
	"SpareRendererForSitePerProcess"

// viewport is the window size: wide enough for desktop layouts, so mock
// sites look as they do to a reader at a desk.
const viewportW, viewportH = 1280, 960

// Launch starts Chromium. ctx is the browser's lifetime: when it ends the
// browser is killed and its profile removed, as by Close. No deadline is
// put on the first browser call (a deadline there would kill the browser
// when it fires).
func Launch(ctx context.Context, opts Options) (*Browser, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if opts.BrowserURL != "" {
		return connect(ctx, opts.BrowserURL, log, opts.Sessions)
	}
	path, err := FindChrome(opts.ExecPath, !opts.Headful, opts.Getenv)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "enroll-chromium-")
	if err != nil {
		return nil, fmt.Errorf("%w: profile directory: %v", ErrLaunch, err)
	}
	allocOpts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(dir),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-crash-reporter", true),
		// Chromium's crash handler outlives the browser briefly and keeps its
		// database under XDG_CONFIG_HOME: point that into the profile so the
		// handler is found (and killed) with the profile's processes.
		chromedp.Env("XDG_CONFIG_HOME="+filepath.Join(dir, "config"), "XDG_CACHE_HOME="+filepath.Join(dir, "cache"), "TMPDIR="+dir),
		chromedp.Flag("lang", "en-US"),
		chromedp.Flag("accept-lang", "en-US"),
		chromedp.WindowSize(viewportW, viewportH),
		// No first tab: every page is a session's, in its own browser context
		// (Launch starts the browser without attaching to any tab).
		chromedp.Flag("no-startup-window", true),
		chromedp.Flag("disable-features", disabledFeatures),
		chromedp.Flag("disable-field-trial-config", true),
		// Every cross-origin frame in a process of its own, as desktop Chrome
		// runs them (frames.go reaches them as targets of their own): the
		// headless shell would keep them in the page's process, out of reach
		// of the page script and of the protocol's frame targets alike.
		chromedp.Flag("site-per-process", true),
		// The same text and colours on every machine, as screenshot tools set them,
		// so that docs renders compare across machines (fonts still come from the
		// machine).
		chromedp.Flag("font-render-hinting", "none"),
		chromedp.Flag("force-color-profile", "srgb"),
	)
	if opts.Headful {
		allocOpts = append(allocOpts, chromedp.VisibleWindow)
	}
	start := time.Now()
	allocCtx, allocCancel := chromedp.NewExecAllocator(ctx, allocOpts...)
	bctx, cancel := chromedp.NewContext(allocCtx,
		chromedp.WithLogf(func(f string, a ...any) { log.Debug("chromedp", "msg", fmt.Sprintf(f, a...)) }),
		chromedp.WithErrorf(func(f string, a ...any) { log.Debug("chromedp error", "msg", fmt.Sprintf(f, a...)) }),
	)
	b := &Browser{log: log, execPath: path, dir: dir, ctx: bctx, cancel: cancel, allocCancel: allocCancel, budget: opts.Sessions}
	// Targets starts the browser and attaches to no tab (there is none): no
	// deadline here.
	if _, err := chromedp.Targets(bctx); err != nil {
		b.Close()
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrLaunch, path, ctx.Err())
		}
		return nil, fmt.Errorf("%w: %s: %v", ErrLaunch, path, err)
	}
	if c := chromedp.FromContext(bctx); c != nil && c.Browser != nil && c.Browser.Process() != nil {
		b.pid = c.Browser.Process().Pid
	}
	b.stopAfter = context.AfterFunc(ctx, func() { b.Close() })
	log.Debug("browser started", "exec", path, "pid", b.pid, "took", time.Since(start))
	b.refill()
	return b, nil
}

// ExecPath is the binary that runs.
func (b *Browser) ExecPath() string { return b.execPath }

// PID is the process id of the main Chromium process (0 if unknown).
func (b *Browser) PID() int { return b.pid }

// ProfileDir is the temporary --user-data-dir that Close removes.
func (b *Browser) ProfileDir() string { return b.dir }

// Close kills Chromium and every process of its profile, waits for them,
// and removes the profile directory. It is safe to call more than once and
// from several goroutines; later calls return the first call's result.
func (b *Browser) Close() error {
	b.closeOnce.Do(func() {
		start := time.Now()
		if b.stopAfter != nil {
			b.stopAfter()
		}
		b.dropSpare()
		if !b.remote {
			// Every process of the profile at once, the main one included:
			// helpers left to notice that their browser went away only cost
			// time and CPU when the profile is thrown away.
			browserProcesses(b.pid, b.dir, true)
		}
		b.cancel()
		b.allocCancel() // waits for the main process (a remote one: closes our tabs)
		b.spareWG.Wait()
		if !b.remote {
			killProfileProcesses(b.dir)
			b.closeErr = removeDir(b.dir)
		}
		b.log.Debug("browser closed", "pid", b.pid, "took", time.Since(start))
	})
	return b.closeErr
}

// killProfileProcesses kills the processes left whose command line names the
// profile dir (see browserProcesses), until a few passes in a row find none or
// two seconds pass. It goes by the profile only: the main process is reaped
// by then, and its pid may be another process's.
func killProfileProcesses(dir string) {
	if dir == "" {
		return
	}
	deadline := time.Now().Add(2 * time.Second)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for quiet := 0; quiet < 3 && time.Now().Before(deadline); {
		if len(browserProcesses(0, dir, true)) == 0 {
			quiet++
		} else {
			quiet = 0
		}
		<-tick.C
	}
}

// browserProcesses lists the live processes of a browser started here: the
// main one (pid), its descendants, and any whose command line names the
// profile dir (as --user-data-dir=dir, or a path under it such as the crash
// handler's database: the handler leaves the tree). kill sends each SIGKILL.
// The headless shell's helpers do not name the profile: while the main
// process lives, the tree finds them; once it is gone they see their browser
// go and exit. pid 0 means the profile only; a pid must be one not reaped yet
// (a child of ours before Wait), or the tree could be another program's.
func browserProcesses(pid int, dir string, kill bool) []int {
	// Chromium rewrites the command line of its children (one string with
	// spaces), so look for the directory's name, not for one argument.
	want := []byte(dir)
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	children := map[int][]int{}
	rootLive := false
	var pids []int
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil || p == os.Getpid() {
			continue
		}
		if pid > 0 { // the tree: every live process's parent
			ppid, ok := liveParent(p)
			if !ok {
				continue
			}
			children[ppid] = append(children[ppid], p)
			rootLive = rootLive || p == pid
		}
		// A zombie's command line is empty: it never names dir.
		if cmdline, err := os.ReadFile("/proc/" + e.Name() + "/cmdline"); err == nil && hasFlag(cmdline, want) {
			pids = append(pids, p)
		}
	}
	if rootLive {
		for tree := []int{pid}; len(tree) > 0; {
			p := tree[0]
			tree = append(tree[1:], children[p]...)
			if !slices.Contains(pids, p) {
				pids = append(pids, p)
			}
		}
	}
	if kill {
		for _, p := range pids {
			_ = syscall.Kill(p, syscall.SIGKILL)
		}
	}
	return pids
}

// liveParent returns the parent of process pid, and false when there is no
// such process or it is a zombie (dead, waiting to be reaped: nothing to kill).
func liveParent(pid int) (int, bool) {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, false
	}
	// pid (comm) state ppid ...: comm may hold spaces and parentheses.
	f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
	if len(f) < 2 || f[0] == "Z" || f[0] == "X" {
		return 0, false
	}
	ppid, err := strconv.Atoi(f[1])
	return ppid, err == nil
}

// removeDir removes the profile, retrying briefly: a dying child can still
// create files in it.
func removeDir(dir string) error {
	if dir == "" {
		return nil
	}
	deadline := time.Now().Add(2 * time.Second)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		err := os.RemoveAll(dir)
		if err == nil {
			if _, statErr := os.Stat(dir); errors.Is(statErr, os.ErrNotExist) {
				return nil
			}
		}
		if time.Now().After(deadline) {
			if err == nil {
				err = errors.New("still present")
			}
			return fmt.Errorf("remove browser profile %s: %w", dir, err)
		}
		<-tick.C
	}
}

// hasFlag reports whether cmdline names dir itself or a path under it.
func hasFlag(cmdline, dir []byte) bool {
	for rest := cmdline; ; {
		i := bytes.Index(rest, dir)
		if i < 0 {
			return false
		}
		end := i + len(dir)
		if end == len(rest) || rest[end] == 0 || rest[end] == ' ' || rest[end] == '/' {
			return true
		}
		rest = rest[end:]
	}
}
