package runner

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/enroll-dev/enroll/redact"

	"github.com/enroll-dev/enroll/flow"
)

// artifactDirs gives each flow its own folder under root, named after the flow file
// ("artifacts/20i"); flows whose files share a name get a numeric suffix.
func artifactDirs(root string, flows []*flow.Flow) []string {
	dirs := make([]string, len(flows))
	seen := map[string]int{}
	for i, f := range flows {
		name := strings.TrimSuffix(filepath.Base(f.Pos.File), filepath.Ext(f.Pos.File))
		seen[name]++
		if n := seen[name]; n > 1 {
			name = fmt.Sprintf("%s-%d", name, n)
		}
		dirs[i] = filepath.Join(root, name)
	}
	return dirs
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// slug turns a guide step's heading into a file name part: "Scan the QR Code" ->
// "scan-the-qr-code".
func slug(s string) string {
	s = strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(s), "-"), "-")
	if len(s) > 48 {
		s = strings.TrimRight(s[:48], "-")
	}
	if s == "" {
		s = "step"
	}
	return s
}

// stepFile names an artifact of a guide step: "03-scan-the-qr-code.png".
func stepFile(dir string, index int, title, suffix string) string {
	return filepath.Join(dir, fmt.Sprintf("%02d-%s%s", index, slug(title), suffix))
}

// artifactName matches the names stepFile gives: what clearArtifacts removes.
var artifactName = regexp.MustCompile(`^[0-9]{2,}-[a-z0-9-]+(\.failure)?(\.png|\.html|\.console\.txt)$`)

// clearArtifacts removes an earlier run's artifacts from a flow's folder, so that
// every file there belongs to the run that reports it. Only files named as the runner
// names them go: anything else a user keeps there stays.
func clearArtifacts(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		if e.Type().IsRegular() && artifactName.MatchString(e.Name()) {
			errs = append(errs, os.Remove(filepath.Join(dir, e.Name())))
		}
	}
	return errors.Join(errs...)
}

// writeArtifact writes a file, creating its folder.
func writeArtifact(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// scrub replaces every secret value in s, and every text the secrets' patterns find in
// s, by REDACTED (redact.Set.Scrub). Text artifacts and error messages pass through it
// as a last line of defence: the browser package already redacts what it knows to be
// secret.
func scrub(s string, secrets redact.Set) string { return secrets.Scrub(s) }
