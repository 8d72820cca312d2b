package qr

import "testing"

func TestScaled(t *testing.T) {
	t.Parallel()
	src := newPlane(8, 4)
	for i := range src.pix {
		src.pix[i] = 200
	}
	// A dark column pair in the middle.
	for y := range 4 {
		src.pix[y*8+3], src.pix[y*8+4] = 0, 0
	}
	tests := []struct {
		f    float64
		w, h int
	}{
		{2, 16, 8}, {1.5, 12, 6}, {0.75, 6, 3}, {0.5, 4, 2},
	}
	for _, tt := range tests {
		q := src.scaled(tt.f)
		if q.w != tt.w || q.h != tt.h {
			t.Errorf("scaled(%g) size = %dx%d, want %dx%d", tt.f, q.w, q.h, tt.w, tt.h)
			continue
		}
		// A flat area stays flat (weights sum to one) and the dark column
		// stays darker than its surroundings.
		if v := q.pix[0]; v != 200 {
			t.Errorf("scaled(%g) flat corner = %d, want 200", tt.f, v)
		}
		if mid := q.pix[q.w/2]; mid >= 150 {
			t.Errorf("scaled(%g) middle = %d, want dark", tt.f, mid)
		}
	}
}
