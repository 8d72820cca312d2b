package conform

import (
	"strings"
	"testing"

	"github.com/enroll-dev/enroll/conform/catalog"
	"github.com/enroll-dev/enroll/flow"
	"github.com/enroll-dev/enroll/report"
)

func TestExtractClaims(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text   string
		digits int
		period int
	}{
		// Guide 002 (Leaseweb).
		{"The two-factor authentication code changes every minute.", 0, 60},
		{"Once you have scanned the QR code, you will see a 6-digit security code.", 6, 0},
		{"A new code is generated every 30 seconds.", 0, 30},
		{"The passcode refreshes each half minute.", 0, 30},
		{"Your token rotates every 2 minutes and has eight digits", 8, 120},
		{"Enter the six digit code", 6, 0},
		// Guide 003 (20i): a time limit, not the code's period.
		{"You will have only 30 seconds to carry out the next step!", 0, 0},
		{"Make sure you are ready to scan the code and hit 'Done' before time runs out!", 0, 0},
		{"We check every minute whether you are there.", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			t.Parallel()
			got := ExtractClaims(tt.text, "step")
			if tt.digits == 0 && tt.period == 0 {
				if len(got) != 0 {
					t.Fatalf("claims %+v, want none", got)
				}
				return
			}
			if len(got) != 1 || got[0].Digits != tt.digits || got[0].Period != tt.period {
				t.Fatalf("claims %+v, want digits %d period %d", got, tt.digits, tt.period)
			}
		})
	}
}

func TestExtractClaimsSentences(t *testing.T) {
	t.Parallel()
	got := ExtractClaims("With two-factor authentication, you will have to enter a security code after your regular login. The two-factor authentication code changes every minute. Without the code, you will not be to login.", "the guide")
	if len(got) != 1 || got[0].Quote != "The two-factor authentication code changes every minute" || got[0].Where != "the guide" {
		t.Errorf("claims %+v, want the one sentence about the period", got)
	}
}

func TestFlowClaims(t *testing.T) {
	t.Parallel()
	f := &flow.Flow{
		Guide:   flow.Guide{Title: "Setup two-factor authentication"},
		Steps:   []*flow.Step{{Title: "Scan", Say: "Scan the QR code. You will see a 6-digit security code."}},
		Conform: &flow.Conform{Claims: []string{"The two-factor authentication code changes every minute."}},
	}
	got := FlowClaims(f)
	if len(got) != 2 || got[0].Where != `step "Scan"` || got[1].Where != "the guide" {
		t.Errorf("claims %+v", got)
	}
}

func TestJudgeGuideClaims(t *testing.T) {
	t.Parallel()
	minute := []Claim{{Quote: "The code changes every minute", Where: "the guide", Period: 60}}
	six := []Claim{{Quote: "a 6-digit security code", Where: `step "Scan"`, Digits: 6}}
	tests := []struct {
		name   string
		claims []Claim
		period int
		want   report.Verdict
		reason string
	}{
		{"no claims", nil, 30, report.VerdictSkipped, "the guide says nothing"},
		{"period matches", minute, 60, report.VerdictPassed, "matches"},
		{"guide 002 against a 30 s site", append(six, minute...), 30, report.VerdictFailed,
			`guide 002.txt is wrong, not the site: the guide says "The code changes every minute" (a 60-second period), but the site issues codes with a 30-second period`},
		{"digits match", six, 30, report.VerdictPassed, "matches"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := check(catalog.GuideClaims)
			judgeGuideClaims(r, tt.claims, testKey(t, 20, 6, tt.period), "002.txt")
			if r.Verdict != tt.want || !strings.Contains(r.Reason, tt.reason) {
				t.Errorf("got %s %q, want %s containing %q", r.Verdict, r.Reason, tt.want, tt.reason)
			}
			if r.About != "guide" {
				t.Errorf("about %q, want guide", r.About)
			}
		})
	}
}
