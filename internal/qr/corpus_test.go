package qr

import (
	"fmt"
	"image"
	"math"
	"math/rand"
	"strings"
)

// sample is one generated corpus image with the text it encodes.
type sample struct {
	text     string
	modulePx float64 // module size in the final image
	quiet    int     // quiet zone in modules kept around the code
	inverted bool
	mode     string  // "bilinear" (from an integer render), "area" or "nearest"
	fg, bg   float64 // dark and light levels before inversion
	noise    float64 // standard deviation of added Gaussian noise
	img      *plane
}

func (s sample) String() string {
	inv := ""
	if s.inverted {
		inv = " inverted"
	}
	return fmt.Sprintf("%.1fpx q%d %s%s fg%.0f bg%.0f noise%.0f", s.modulePx, s.quiet, s.mode, inv, s.fg, s.bg, s.noise)
}

const base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

// randomURI returns an otpauth URI of realistic length.
func randomURI(r *rand.Rand) string {
	issuers := []string{"20i", "Leaseweb", "1Password", "MyAccount", "Example%20Corp"}
	iss := issuers[r.Intn(len(issuers))]
	var acct strings.Builder
	for range 3 + r.Intn(10) {
		acct.WriteByte("abcdefghijklmnopqrstuvwxyz0123456789."[r.Intn(37)])
	}
	var sec strings.Builder
	for range 32 {
		sec.WriteByte(base32Alphabet[r.Intn(32)])
	}
	return fmt.Sprintf("otpauth://totp/%s:%s%%40example.test?secret=%s&issuer=%s&algorithm=SHA1&digits=6&period=30",
		iss, acct.String(), sec.String(), iss)
}

// renderSample draws text at modulePx per module (possibly fractional) with
// quiet modules of border, the way a browser would show a scaled code:
// "nearest" snaps module edges to pixels (an SVG with crispEdges, or
// image-rendering: pixelated); "bilinear" renders at an integer size k first
// and resamples it with bilinear interpolation (a scaled <img>).
func renderSample(r *rand.Rand, text string, modulePx float64, quiet int, inverted bool, mode string) sample {
	return renderSampleLevels(r, text, modulePx, quiet, inverted, mode, 0, 255, 0)
}

// renderSampleLevels is renderSample with dark level fg, light level bg and
// Gaussian noise of standard deviation noise (a compressed or dimmed
// screenshot).
func renderSampleLevels(r *rand.Rand, text string, modulePx float64, quiet int, inverted bool, mode string, fg, bg, noise float64) sample {
	c, err := Encode(text)
	if err != nil {
		panic(err)
	}
	k := 1 + r.Intn(6) // integer px per module of the source render
	phase := r.Float64() * modulePx
	if quiet == 0 {
		phase = 0
	}
	n := c.Size()
	side := int(math.Ceil(float64(n+2*quiet)*modulePx + phase))
	ox := float64(quiet)*modulePx + phase // pixel position of the code's corner
	p := newPlane(side, side)
	// src(u, v) is the source render at k px per module, 0 outside the code
	// (light), in source pixel coordinates relative to the code corner.
	src := func(u, v int) float64 {
		if u < 0 || v < 0 {
			return 255
		}
		if c.At(u/k, v/k) {
			return 0
		}
		return 255
	}
	for y := 0; y < side; y++ {
		for x := 0; x < side; x++ {
			mx := (float64(x) + 0.5 - ox) / modulePx // module coordinates
			my := (float64(y) + 0.5 - ox) / modulePx
			var v float64
			switch mode {
			case "area":
				v = 255 - 255*coverage(c, mx-0.5/modulePx, my-0.5/modulePx, 1/modulePx)
			case "nearest":
				v = 255
				if c.At(int(math.Floor(mx)), int(math.Floor(my))) {
					v = 0
				}
			default:
				sx := mx*float64(k) - 0.5
				sy := my*float64(k) - 0.5
				x0, y0 := int(math.Floor(sx)), int(math.Floor(sy))
				fx, fy := sx-float64(x0), sy-float64(y0)
				v = (src(x0, y0)*(1-fx)+src(x0+1, y0)*fx)*(1-fy) +
					(src(x0, y0+1)*(1-fx)+src(x0+1, y0+1)*fx)*fy
			}
			v = fg + (bg-fg)*v/255
			if inverted {
				v = 255 - v
			}
			if noise > 0 {
				v += r.NormFloat64() * noise
			}
			p.pix[y*side+x] = byte(math.Min(math.Max(v+0.5, 0), 255))
		}
	}
	return sample{text: text, modulePx: modulePx, quiet: quiet, inverted: inverted, mode: mode,
		fg: fg, bg: bg, noise: noise, img: p}
}

// corpus generates n samples with module sizes from 1.5 to 6 px in 0.1 steps,
// quiet zones 0..4, a third inverted, half with reduced contrast and noise; a quarter with snapped edges, a quarter
// anti-aliased by exact area coverage, half resampled bilinearly.
func corpus(seed int64, n int) []sample {
	r := rand.New(rand.NewSource(seed))
	out := make([]sample, 0, n)
	for i := range n {
		px := 1.5 + float64(i%46)*0.1
		mode := "bilinear"
		switch f := r.Float64(); {
		case f < 0.25:
			mode = "nearest"
		case f < 0.5:
			mode = "area"
		}
		fg, bg, noise := 0.0, 255.0, 0.0
		if r.Float64() < 0.5 { // a dimmed, tinted or compressed screenshot
			fg, bg = r.Float64()*80, 175+r.Float64()*80
			noise = []float64{0, 3, 6}[r.Intn(3)]
		}
		out = append(out, renderSampleLevels(r, randomURI(r), px, r.Intn(5), r.Float64() < 1.0/3, mode, fg, bg, noise))
	}
	return out
}

// coverage returns the dark fraction of the square [mx, mx+d) x [my, my+d)
// in module coordinates: an anti-aliased rasteriser's pixel value.
func coverage(c *Code, mx, my, d float64) float64 {
	var dark float64
	for j := int(math.Floor(my)); float64(j) < my+d; j++ {
		oy := math.Min(my+d, float64(j+1)) - math.Max(my, float64(j))
		for i := int(math.Floor(mx)); float64(i) < mx+d; i++ {
			if !c.At(i, j) {
				continue
			}
			ox := math.Min(mx+d, float64(i+1)) - math.Max(mx, float64(i))
			dark += ox * oy
		}
	}
	return dark / (d * d)
}

// gray returns the plane as an *image.Gray.
func (p *plane) gray() *image.Gray {
	g := image.NewGray(image.Rect(0, 0, p.w, p.h))
	copy(g.Pix, p.pix)
	return g
}
