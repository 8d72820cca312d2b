package qr

import "math"

// scaled returns p resampled by factor f with a separable triangle filter:
// bilinear interpolation when enlarging, and a filter widened to the source
// footprint (close to area averaging) when shrinking, so thin modules blend
// instead of dropping out.
func (p *plane) scaled(f float64) *plane {
	w := max(1, int(math.Round(float64(p.w)*f)))
	h := max(1, int(math.Round(float64(p.h)*f)))
	xw := weights(p.w, w)
	yw := weights(p.h, h)

	// Horizontal pass into a float buffer of w x p.h, then vertical.
	tmp := make([]float32, w*p.h)
	for y := 0; y < p.h; y++ {
		src := p.pix[y*p.w : (y+1)*p.w]
		dst := tmp[y*w : (y+1)*w]
		for x, taps := range xw {
			var s float32
			for _, t := range taps {
				s += t.w * float32(src[t.i])
			}
			dst[x] = s
		}
	}
	q := newPlane(w, h)
	for y, taps := range yw {
		dst := q.pix[y*w : (y+1)*w]
		for x := range dst {
			var s float32
			for _, t := range taps {
				s += t.w * tmp[t.i*w+x]
			}
			dst[x] = byte(min(max(s+0.5, 0), 255))
		}
	}
	return q
}

type tap struct {
	i int
	w float32
}

// weights returns, for each of the dst output samples along one axis, the
// normalised triangle-filter taps over the src input samples.
func weights(src, dst int) [][]tap {
	scale := float64(dst) / float64(src)
	support := 1.0 // in source pixels, radius of the triangle
	if scale < 1 {
		support = 1 / scale
	}
	out := make([][]tap, dst)
	for o := range out {
		c := (float64(o)+0.5)/scale - 0.5 // centre in source coordinates
		lo := int(math.Ceil(c - support))
		hi := int(math.Floor(c + support))
		var taps []tap
		var sum float64
		for i := lo; i <= hi; i++ {
			wt := 1 - math.Abs(float64(i)-c)/support
			if wt <= 0 {
				continue
			}
			taps = append(taps, tap{i: min(max(i, 0), src-1), w: float32(wt)})
			sum += wt
		}
		if sum == 0 {
			taps = []tap{{i: min(max(int(math.Round(c)), 0), src-1), w: 1}}
			sum = 1
		}
		for k := range taps {
			taps[k].w /= float32(sum)
		}
		out[o] = taps
	}
	return out
}
