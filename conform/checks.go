package conform

import (
	"github.com/enroll-dev/enroll/conform/catalog"
	"github.com/enroll-dev/enroll/report"
)

// newResult is the report entry of a check, not decided yet.
func newResult(c catalog.Check) *report.Check {
	return &report.Check{ID: c.ID, Statement: c.Statement, Clause: c.Clause, About: c.About}
}
