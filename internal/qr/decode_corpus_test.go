package qr

import (
	"fmt"
	"os"
	"strconv"
	"testing"
)

// bucket names the module-size range a sample falls in.
func bucket(px float64) string {
	switch {
	case px < 2:
		return "1.5-1.9"
	case px < 2.5:
		return "2.0-2.4"
	case px < 3:
		return "2.5-2.9"
	case px < 4:
		return "3.0-3.9"
	case px < 5:
		return "4.0-4.9"
	default:
		return "5.0-6.0"
	}
}

var buckets = []string{"1.5-1.9", "2.0-2.4", "2.5-2.9", "3.0-3.9", "4.0-4.9", "5.0-6.0"}

type tally struct{ single, pipeline, n int }

func (t tally) String() string {
	if t.n == 0 {
		return "no samples"
	}
	return fmt.Sprintf("single %5.1f%%  pipeline %5.1f%%  (n=%d)",
		100*float64(t.single)/float64(t.n), 100*float64(t.pipeline)/float64(t.n), t.n)
}

// TestDecodeCorpus decodes generated codes of many module sizes, quiet
// zones, resampling modes and polarities, and reports the success rate of a
// single attempt and of the whole pipeline per module-size bucket.
func TestDecodeCorpus(t *testing.T) {
	t.Parallel()
	n := 460
	if !testing.Short() {
		n = 920
	}
	if v, err := strconv.Atoi(os.Getenv("QR_CORPUS_N")); err == nil && v > 0 {
		n = v // a one-off larger run
	}
	samples := corpus(1, n)
	per := map[string]*tally{}
	perMode := map[string]*tally{}
	var over2, over2normal tally
	steps := map[string]int{}
	for _, b := range buckets {
		per[b] = &tally{}
	}
	for _, s := range samples {
		text, err := read(s.img, false)
		single := err == nil && text == s.text
		text, how, err := decodeLum(s.img)
		ok := err == nil && text == s.text
		if err == nil && text != s.text {
			t.Errorf("%s: misread %q", s, text)
		}
		if ok {
			steps[how]++
		} else if s.modulePx >= 2 {
			t.Logf("not read: %s", s)
		}
		key := s.mode
		if s.inverted {
			key += " inverted"
		}
		for _, tl := range []*tally{per[bucket(s.modulePx)], perMode[key]} {
			if tl == nil {
				perMode[key] = &tally{}
				tl = perMode[key]
			}
			tl.n++
			if single {
				tl.single++
			}
			if ok {
				tl.pipeline++
			}
		}
		if s.modulePx >= 2 {
			tls := []*tally{&over2}
			if !s.inverted {
				tls = append(tls, &over2normal)
			}
			for _, tl := range tls {
				tl.n++
				if single {
					tl.single++
				}
				if ok {
					tl.pipeline++
				}
			}
		}
	}
	for _, b := range buckets {
		t.Logf("%s px/module: %v", b, per[b])
	}
	for k, tl := range perMode {
		t.Logf("%-17s %v", k+":", tl)
	}
	t.Logf(">= 2 px/module:   %v", over2)
	t.Logf(">= 2, not inverted: %v", over2normal)
	for how, n := range steps {
		t.Logf("read by %-30s %d", how, n)
	}
	if rate := float64(over2.pipeline) / float64(over2.n); rate < 0.99 {
		t.Errorf("pipeline success at >= 2 px/module = %.1f%%, want >= 99%%", 100*rate)
	}
}
