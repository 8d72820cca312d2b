// Package keys is the one table of the named keyboard keys a flow's press may name:
// the flow package validates a press against it, and the browser package types what
// each name stands for. A single character is a key too, and needs no entry.
package keys

import (
	"strings"

	"github.com/chromedp/chromedp/kb"
)

// Key is a named key: the name a flow writes, and the runes chromedp's kb encoding
// types for it.
type Key struct {
	Name  string
	Runes string
}

// Named are the named keys, in the order help and errors list them.
var Named = []Key{
	{"Enter", kb.Enter}, {"Tab", kb.Tab}, {"Escape", kb.Escape}, {"Backspace", kb.Backspace},
	{"Delete", kb.Delete}, {"Space", " "},
	{"ArrowUp", kb.ArrowUp}, {"ArrowDown", kb.ArrowDown}, {"ArrowLeft", kb.ArrowLeft}, {"ArrowRight", kb.ArrowRight},
	{"Home", kb.Home}, {"End", kb.End}, {"PageUp", kb.PageUp}, {"PageDown", kb.PageDown},
}

// Names lists the named keys' names.
func Names() []string {
	names := make([]string, len(Named))
	for i, k := range Named {
		names[i] = k.Name
	}
	return names
}

// Lookup returns the named key called name, in any case.
func Lookup(name string) (Key, bool) {
	for _, k := range Named {
		if strings.EqualFold(k.Name, name) {
			return k, true
		}
	}
	return Key{}, false
}
