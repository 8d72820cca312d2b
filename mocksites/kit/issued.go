package kit

// issued is every secret value the site issued or accepted, for the e2e leak check
// (GET /_mock/issued): no report, log or screenshot text may contain any of them.
type issued struct {
	secrets   []string // base32 TOTP secrets
	codes     []string // TOTP codes accepted, SMS codes sent
	recovery  []string // recovery codes issued
	passwords []string // passwords of the accounts
}

// add appends v to list unless it is empty or already there. k.mu must be held.
func (i *issued) add(list *[]string, v string) {
	if v == "" {
		return
	}
	for _, x := range *list {
		if x == v {
			return
		}
	}
	*list = append(*list, v)
}
