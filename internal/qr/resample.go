package qr

import "math"

// scaled returns p resampled by factor f with a separable triangle filter:
// bilinear interpolation when enlarging, and a filter widened to the source
// footprint (close to area averaging) when shrinking, so thin modules blend
// instead of dropping out. Arithmetic is fixed point.
func (p *plane) scaled(f float64) *plane {
	w := max(1, int(math.Round(float64(p.w)*f)))
	h := max(1, int(math.Round(float64(p.h)*f)))
	xa := newAxis(p.w, w)
	ya := newAxis(p.h, h)

	// Horizontal pass into w x p.h values with 8 fractional bits, then
	// vertical with weights of weightBits.
	tmp := make([]int32, w*p.h)
	for y := 0; y < p.h; y++ {
		src := p.pix[y*p.w : (y+1)*p.w]
		dst := tmp[y*w : (y+1)*w]
		for x := range dst {
			var s int32
			for k := xa.start[x]; k < xa.start[x+1]; k++ {
				s += xa.w[k] * int32(src[xa.idx[k]])
			}
			dst[x] = s >> (weightBits - 8)
		}
	}
	q := newPlane(w, h)
	acc := make([]int32, w)
	for y := range h {
		clear(acc)
		for k := ya.start[y]; k < ya.start[y+1]; k++ {
			wt := ya.w[k]
			row := tmp[int(ya.idx[k])*w : int(ya.idx[k]+1)*w]
			for x, v := range row {
				acc[x] += wt * v
			}
		}
		dst := q.pix[y*w : (y+1)*w]
		const round = 1 << (weightBits + 8 - 1)
		for x, v := range acc {
			dst[x] = byte(min(max((v+round)>>(weightBits+8), 0), 255))
		}
	}
	return q
}

// weightBits is the fixed-point precision of filter weights; with 8-bit
// samples carrying 8 fractional bits, sums stay within int32.
const weightBits = 14

// axis holds the filter taps along one axis: output sample o reads source
// samples idx[start[o]:start[o+1]] with weights w (summing to 1<<weightBits).
type axis struct {
	start []int32
	idx   []int32
	w     []int32
}

func newAxis(src, dst int) axis {
	scale := float64(dst) / float64(src)
	support := 1.0 // radius of the triangle, in source samples
	if scale < 1 {
		support = 1 / scale
	}
	a := axis{start: make([]int32, 0, dst+1)}
	fw := make([]float64, 0, int(2*support)+2)
	fi := make([]int32, 0, cap(fw))
	for o := range dst {
		a.start = append(a.start, int32(len(a.idx)))
		c := (float64(o)+0.5)/scale - 0.5 // centre in source coordinates
		fw, fi = fw[:0], fi[:0]
		var sum float64
		for i := int(math.Ceil(c - support)); i <= int(math.Floor(c+support)); i++ {
			wt := 1 - math.Abs(float64(i)-c)/support
			if wt <= 0 {
				continue
			}
			fw = append(fw, wt)
			fi = append(fi, int32(min(max(i, 0), src-1)))
			sum += wt
		}
		if sum == 0 {
			fw = append(fw, 1)
			fi = append(fi, int32(min(max(int(math.Round(c)), 0), src-1)))
			sum = 1
		}
		// Quantise so the weights sum exactly to one: the rounding error goes
		// to the largest tap.
		total, big := int32(0), 0
		for k, wt := range fw {
			q := int32(math.Round(wt / sum * (1 << weightBits)))
			a.idx = append(a.idx, fi[k])
			a.w = append(a.w, q)
			total += q
			if fw[k] > fw[big] {
				big = k
			}
		}
		a.w[len(a.w)-len(fw)+big] += 1<<weightBits - total
	}
	a.start = append(a.start, int32(len(a.idx)))
	return a
}
