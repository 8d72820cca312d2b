package onepassword

import (
	"fmt"
	"net/http"
	"strconv"
)

// CodeDigits is the number of one-digit boxes of the code entry.
const CodeDigits = 6

// DigitField returns the form field name of box n (1-based): digit1 ... digit6.
func DigitField(n int) string { return "digit" + strconv.Itoa(n) }

// boxesView is the six-box code entry: a fieldset whose legend names it, one
// <input maxlength=1 inputmode=numeric aria-label="Digit N of 6"> per digit.
type boxesView struct {
	Legend string
	Boxes  []box
}

// box is one digit's input.
type box struct {
	N     int
	Name  string
	Label string // "Digit 3 of 6"
	First bool
}

func newBoxes(legend string) boxesView {
	v := boxesView{Legend: legend, Boxes: make([]box, CodeDigits)}
	for i := range v.Boxes {
		n := i + 1
		v.Boxes[i] = box{N: n, Name: DigitField(n), Label: fmt.Sprintf("Digit %d of %d", n, CodeDigits), First: n == 1}
	}
	return v
}

// digitsError says which box of a submitted code entry is not one digit. It never
// contains what was typed.
type digitsError struct {
	Box     int
	Missing bool
}

func (e *digitsError) Error() string {
	if e.Missing {
		return fmt.Sprintf("code entry: digit %d of %d is missing", e.Box, CodeDigits)
	}
	return fmt.Sprintf("code entry: digit %d of %d is not a digit", e.Box, CodeDigits)
}

// message is the text the page shows for e.
func (e *digitsError) message() string {
	if e.Missing {
		return fmt.Sprintf("Enter all %d digits of the code: digit %d of %d is missing.", CodeDigits, e.Box, CodeDigits)
	}
	return fmt.Sprintf("Each box takes one digit from 0 to 9: check digit %d of %d.", e.Box, CodeDigits)
}

// joinDigits reads the six boxes of a posted code entry and joins them into the code,
// as the real site's form does on the server side. A box that is empty or holds
// anything but one digit is a *digitsError.
func joinDigits(r *http.Request) (string, error) {
	code := make([]byte, 0, CodeDigits)
	for n := 1; n <= CodeDigits; n++ {
		v := r.PostFormValue(DigitField(n))
		switch {
		case v == "":
			return "", &digitsError{Box: n, Missing: true}
		case len(v) != 1 || v[0] < '0' || v[0] > '9':
			return "", &digitsError{Box: n}
		}
		code = append(code, v[0])
	}
	return string(code), nil
}
